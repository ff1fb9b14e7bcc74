using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Tests.Runtime;

namespace Processes.Tests.Durability;

/// <summary>A store whose saves fail or vanish on command: a blinking disk, a store that is down, a crash before a write.</summary>
internal sealed class FaultyStore : ForwardingStore
{
    private int _saves;

    public FaultyStore(ICheckpointStore? inner = null)
        : base(inner)
    {
    }

    /// <summary>Every save throws while true.</summary>
    public volatile bool Down;

    /// <summary>
    /// Saves with these 1-based numbers (counting every save, of every process) throw, except a
    /// retry of a checkpoint that already failed once: with parents and children saving at once,
    /// the numbers would otherwise sometimes hit all attempts of one checkpoint, a store that is
    /// down rather than blinking.
    /// </summary>
    public int[] FailingSaves { get; init; } = Array.Empty<int>();

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Checkpoint, object> _failedOnce = new();

    /// <summary>Decides which saves are silently lost (as if the process died just before them).</summary>
    public Func<Checkpoint, int, bool>? Lose { get; set; }

    /// <summary>Lease renewals do nothing and report success (a runtime that stalls and does not notice).</summary>
    public volatile bool FreezeRenewals;

    public int Saves => Volatile.Read(ref _saves);

    public int FailedSaves;

    public override ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        var number = Interlocked.Increment(ref _saves);
        if (Down || (Array.IndexOf(FailingSaves, number) >= 0 && _failedOnce.TryAdd(checkpoint, number)))
        {
            Interlocked.Increment(ref FailedSaves);
            throw new IOException($"No space left on device (save {number})");
        }

        return Lose?.Invoke(checkpoint, number) == true ? default : base.SaveAsync(checkpoint, cancellationToken);
    }

    public override ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
        FreezeRenewals ? new ValueTask<ProcessLease>(lease) : base.RenewLeaseAsync(lease, duration, cancellationToken);
}
