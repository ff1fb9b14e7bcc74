using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// Counts the store calls a runtime makes on behalf of processes that have already reported their
/// end (giving back their leases), so that stopping the runtime can wait for them: once
/// <see cref="ProcessRuntime.StopAsync"/> returns, the runtime no longer touches its store, and a
/// caller may delete the store's directory or reuse its files.
/// </summary>
internal sealed class StoreWorkTracker
{
    private int _inFlight;
    private TaskCompletionSource? _idle;

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            Volatile.Read(ref _idle)?.TrySetResult();
        }
    }

    /// <summary>Completes once no call is in flight (at once when none is).</summary>
    public Task WhenIdleAsync()
    {
        if (Volatile.Read(ref _inFlight) == 0)
        {
            return Task.CompletedTask;
        }

        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _idle, idle);

        // The last Exit may have run before _idle was set: check again.
        if (Volatile.Read(ref _inFlight) == 0)
        {
            idle.TrySetResult();
        }

        return idle.Task;
    }
}
