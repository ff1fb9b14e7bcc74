using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>The shared states a step or task reaches through its context, and the outline's waits for a state.</summary>
internal abstract partial class ProcessExecution
{
    ISharedStateClient IProcessContextHost.SharedStates => Seldom.SharedStates ??= Runtime.CreateSharedStateClient("process:" + Id);

    /// <summary>
    /// When the outline's wait for a shared state at <see cref="Position"/> times out (null: none);
    /// checkpointed, so a continued process keeps the deadline its wait started with.
    /// </summary>
    protected DateTimeOffset? StateWaitDeadline => _seldom?.StateWaitDeadline;

    /// <summary>
    /// An outline's <c>WaitForState</c>: goes on at once when the state already meets the
    /// condition; otherwise the process turns Waiting, stores a checkpoint that says so (at this
    /// instruction, with the deadline of a wait with a timeout, so a continued process waits
    /// again until the same deadline), and waits without a thread until a change meets it. False
    /// when the process must not go on; a stop or kill ends the wait with
    /// <see cref="OperationCanceledException"/>, as it ends a timer, and keeps the deadline. A
    /// timeout throws <see cref="SharedStateWatchTimeoutException"/>.
    /// </summary>
    protected async ValueTask<bool> WaitForStateAsync(StateWait wait)
    {
        var client = ((IProcessContextHost)this).SharedStates;
        var waiting = wait(client, StateWaitTimeLeft, CancellationToken);
        if (waiting.IsCompletedSuccessfully)
        {
            ClearStateWaitDeadline();
            return true;
        }

        if (State == ProcessState.Running)
        {
            if (!TryTransition(ProcessState.Waiting))
            {
                return false;
            }

            await SaveCheckpointAsync(unlessTerminated: true).ConfigureAwait(false);
        }

        try
        {
            await waiting.ConfigureAwait(false);
        }
        catch (SharedStateWatchTimeoutException)
        {
            ClearStateWaitDeadline();
            throw;
        }

        CancellationToken.ThrowIfCancellationRequested();
        ClearStateWaitDeadline();
        return true;
    }

    /// <summary>The time left of a wait with <paramref name="timeout"/>: fixes its deadline on first use (or keeps the one a checkpoint restored).</summary>
    private TimeSpan StateWaitTimeLeft(TimeSpan timeout)
    {
        var now = Runtime.TimeProvider.GetUtcNow();
        var deadline = Seldom.StateWaitDeadline ??= timeout >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + timeout;
        return deadline > now ? deadline - now : TimeSpan.Zero;
    }

    private void ClearStateWaitDeadline()
    {
        if (_seldom is { } seldom)
        {
            seldom.StateWaitDeadline = null;
        }
    }
}
