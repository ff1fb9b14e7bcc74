using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>How a work item's turn on a worker ended.</summary>
internal enum PoolWorkOutcome
{
    /// <summary>Its caller has its answer (outputs or a failure); the slot is free.</summary>
    Done,

    /// <summary>The worker's connection broke before the answer: the item goes back to the queue, its caller keeps waiting.</summary>
    WorkerLost,
}

/// <summary>
/// One thing the pool schedules into a worker slot: a run, a launch (held until the process
/// ends), a continue or a chain. Generic subclasses capture the process type, so the pool itself
/// needs no type information (and no reflection).
/// </summary>
internal abstract class PoolWorkItem
{
    protected PoolWorkItem(string processName, int priority, long sequence)
    {
        ProcessName = processName;
        Priority = priority;
        Sequence = sequence;
        EnqueuedAt = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    public string ProcessName { get; }

    public int Priority { get; }

    /// <summary>Arrival order, kept when the item is sent back to the queue.</summary>
    public long Sequence { get; }

    /// <summary>When it was first queued (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), for aging.</summary>
    public long EnqueuedAt { get; }

    /// <summary>Its place in the queue while it waits; null while it runs.</summary>
    public LinkedListNode<PoolWorkItem>? QueueNode { get; set; }

    /// <summary>The type's limit on running instances (<see cref="ConcurrencyAttribute"/>), or null.</summary>
    public int? MaxRunning { get; init; }

    /// <summary>The single-instance key the item holds while it waits or runs (<see cref="SingleInstanceAttribute"/>), or null.</summary>
    public string? InstanceKey { get; set; }

    /// <summary>The process's id when the pool knows it before it runs (launches and continues).</summary>
    public virtual ProcessId? Id => null;

    /// <summary>Whether it may be sent to a worker ahead of a free slot, to wait there (a run: it ends when its call does).</summary>
    public virtual bool CanRunAhead => false;

    /// <summary>The pool's handle that follows this item's process, when it has one.</summary>
    public virtual IProcessHandle? PlacedHandle => null;

    /// <summary>Runs the item on a worker and returns once its slot is free again.</summary>
    public abstract Task<PoolWorkOutcome> ExecuteAsync(ProcessClient client, CancellationToken cancellationToken);

    /// <summary>Fails the caller: the item will never run (the pool closed, or it was killed while queued).</summary>
    public abstract void Drop(Exception reason);

    /// <summary>True when a call failed because the worker's connection broke (the worker died or was stopped), not because of the process.</summary>
    protected static bool IsWorkerLost(ProcessClient client, Exception exception) => BrokenConnection.Is(client, exception);
}
