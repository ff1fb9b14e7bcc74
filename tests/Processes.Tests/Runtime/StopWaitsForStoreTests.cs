using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// Once StopAsync (or DisposeAsync) returns, the runtime makes no more store calls: a caller may
/// delete the store's directory at once. Processes that ended just before the stop may still be
/// giving their leases back, and the lease keeper may be renewing one; the stop waits for both.
/// </summary>
public sealed class StopWaitsForStoreTests
{
    [Fact]
    public async Task Disposing_right_after_a_process_ended_waits_for_its_lease_to_be_given_back()
    {
        var store = new SlowLeaseStore { ReleaseDelay = TimeSpan.FromMilliseconds(300) };
        var runtime = NewRuntime(store);
        var handle = await runtime.LaunchAsync(new Countdown { From = 2 }).Within();
        await handle.WaitAsync().Within();

        await runtime.DisposeAsync();

        Assert.Equal(0, store.InFlight);
        Assert.Equal(1, store.Released);
    }

    [Fact]
    public async Task Stopping_waits_for_a_lease_renewal_in_progress()
    {
        var store = new SlowLeaseStore { RenewDelay = TimeSpan.FromMilliseconds(400) };
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, LeaseDuration = TimeSpan.FromMilliseconds(300) });
        var script = TestHooks.Register((step, process, context) => step == "tick" ? new ValueTask(Task.Delay(System.Threading.Timeout.Infinite, context.CancellationToken)) : default);
        await runtime.LaunchAsync(new Countdown { From = 1, Script = script }).Within();
        await store.RenewStarted.Task.Within();

        await runtime.StopAsync();

        Assert.Equal(0, store.InFlight);
    }

    [Fact]
    public async Task A_file_store_directory_can_be_deleted_as_soon_as_the_runtime_is_disposed()
    {
        for (var round = 0; round < 20; round++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "processes-stop-" + Guid.NewGuid().ToString("N"));
            var runtime = NewRuntime(new FileCheckpointStore(directory));
            var handle = await runtime.LaunchAsync(new Countdown { From = 2 }).Within();
            await handle.WaitAsync().Within();
            await runtime.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Lease calls that take a while, counted while they run.</summary>
    private sealed class SlowLeaseStore : ForwardingStore
    {
        private int _inFlight;
        private int _released;

        public TimeSpan ReleaseDelay { get; init; }

        public TimeSpan RenewDelay { get; init; }

        public TaskCompletionSource RenewStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int InFlight => Volatile.Read(ref _inFlight);

        public int Released => Volatile.Read(ref _released);

        public override async ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                await Task.Delay(ReleaseDelay, cancellationToken);
                await base.ReleaseLeaseAsync(lease, cancellationToken);
                Interlocked.Increment(ref _released);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public override async ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                RenewStarted.TrySetResult();
                await Task.Delay(RenewDelay, cancellationToken);
                return await base.RenewLeaseAsync(lease, duration, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
