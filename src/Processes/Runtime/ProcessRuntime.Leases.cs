using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Runtime;

namespace Processes;

/// <summary>Ownership: taking, renewing and giving back the leases of the processes this runtime runs.</summary>
public sealed partial class ProcessRuntime
{
    private readonly string? _configuredOwnerId;
    private readonly CancellationTokenSource _leaseKeeperStop = new();
    private string? _ownerId;
    private int _leaseKeeperStarted;
    private Task? _leaseKeeper;

    /// <summary>Store calls in flight for processes that have reported their end; <see cref="StopAsync"/> waits for them.</summary>
    internal StoreWorkTracker StoreWork { get; } = new();

    /// <summary>This runtime's lease owner id (see <see cref="ProcessRuntimeOptions.OwnerId"/>).</summary>
    public string OwnerId => _ownerId ?? Interlocked.CompareExchange(ref _ownerId, _configuredOwnerId ?? LocalOwner.NewOwnerId(), null) ?? _ownerId;

    /// <summary>How long a lease lasts without renewal (see <see cref="ProcessRuntimeOptions.LeaseDuration"/>).</summary>
    public TimeSpan LeaseDuration { get; }

    internal CheckpointSaveRetry SaveRetry { get; }

    internal bool IsStopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>
    /// Takes the lease of process <paramref name="id"/> for this runtime: at once when it is free,
    /// expired or held by an OS process of this machine that no longer runs; otherwise waits up to
    /// <paramref name="waitForOwner"/> for it to be released or to expire.
    /// </summary>
    internal async ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, TimeSpan waitForOwner, CancellationToken cancellationToken)
    {
        // Read only when the caller would wait: a launch (no wait) gives up at the first refusal,
        // and its clock read would be wasted on every process.
        var deadline = waitForOwner > TimeSpan.Zero ? TimeProvider.GetUtcNow() + waitForOwner : default;
        while (true)
        {
            try
            {
                var lease = await Store.AcquireLeaseAsync(id, OwnerId, LeaseDuration, takeOverFrom: null, cancellationToken).ConfigureAwait(false);
                EnsureLeaseKeeper();
                return lease;
            }
            catch (ProcessOwnedException owned)
            {
                if (LocalOwner.IsDeadOnThisMachine(owned.Owner) && await TryTakeOverAsync(id, owned.Owner, cancellationToken).ConfigureAwait(false) is { } taken)
                {
                    EnsureLeaseKeeper();
                    return taken;
                }

                var left = waitForOwner > TimeSpan.Zero ? deadline - TimeProvider.GetUtcNow() : TimeSpan.Zero;
                if (left <= TimeSpan.Zero)
                {
                    throw;
                }

                var poll = TimeSpan.FromTicks(Math.Clamp(LeaseDuration.Ticks / 10, TimeSpan.TicksPerMillisecond * 20, TimeSpan.TicksPerSecond));
                await Task.Delay(left < poll ? left : poll, TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<ProcessLease?> TryTakeOverAsync(ProcessId id, string deadOwner, CancellationToken cancellationToken)
    {
        var current = await Store.GetLeaseAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Owner != deadOwner)
        {
            return null;
        }

        try
        {
            var lease = await Store.AcquireLeaseAsync(id, OwnerId, LeaseDuration, current, cancellationToken).ConfigureAwait(false);
            Log.LeaseTakenOver(LoggerFor("Runtime"), id, deadOwner);
            return lease;
        }
        catch (ProcessOwnedException)
        {
            return null; // another runtime was quicker
        }
    }

    private void EnsureLeaseKeeper()
    {
        if (Interlocked.Exchange(ref _leaseKeeperStarted, 1) == 0)
        {
            Volatile.Write(ref _leaseKeeper, Task.Run(() => RenewLeasesAsync(_leaseKeeperStop.Token)));
        }
    }

    /// <summary>Renews every live process's lease a third of the way through it, until the runtime stops.</summary>
    /// <summary>
    /// Waits, up to <paramref name="limit"/>, for the keeper (already told to stop) to end its
    /// renewal in progress and for lease releases still in flight, so no store call follows the stop.
    /// </summary>
    private async ValueTask StopLeaseWorkAsync(TimeSpan limit)
    {
        var keeper = Volatile.Read(ref _leaseKeeper) ?? Task.CompletedTask;
        try
        {
            await Task.WhenAll(keeper, StoreWork.WhenIdleAsync()).WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.StopLeftStoreWork(LoggerFor("Runtime"), limit);
        }
        catch (Exception exception) when (keeper.IsFaulted)
        {
            Log.LeaseKeeperFailed(LoggerFor("Runtime"), exception);
        }
    }

    private async Task RenewLeasesAsync(CancellationToken stop)
    {
        var period = TimeSpan.FromTicks(Math.Max(LeaseDuration.Ticks / 3, TimeSpan.TicksPerMillisecond));
        using var timer = new PeriodicTimer(period, TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                foreach (var execution in _live.Values)
                {
                    await execution.RenewLeaseAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
