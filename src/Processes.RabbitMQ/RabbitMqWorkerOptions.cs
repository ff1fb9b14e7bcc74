using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Processes.RabbitMQ;

/// <summary>Options of a <see cref="RabbitMqWorker"/>.</summary>
public sealed record RabbitMqWorkerOptions
{
    /// <summary>The broker and the deployment's prefix (the same as the clients').</summary>
    public RabbitMqConnectionOptions Connection { get; init; } = new();

    /// <summary>
    /// How many launches and continues the worker runs at once: the broker hands it at most this
    /// many unacknowledged messages (the prefetch). Children of those processes run beside them
    /// and take no slot. Default: the processor count.
    /// </summary>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Runs the children a process launches on any worker of the deployment instead of beside it.
    /// Each unbounded tracked child (<c>StartChild</c>, <c>StartChildren</c> without
    /// <see cref="MapOptions"/>) is stored and queued as a continue on its type's work queue; the
    /// parent, checkpointed as waiting, leaves its slot (its message is acknowledged) and is
    /// continued by a message each ending child queues. Bounded fan-outs and
    /// <c>ProcessContext.RunAsync</c> children still run beside their parent. Every worker of a
    /// deployment must use the same setting. Default false: children run beside their parent
    /// and take no slot, while the parent holds its own.
    /// </summary>
    public bool ChildrenOnAnyWorker { get; init; }

    /// <summary>
    /// The process types this worker serves (their registered names): it consumes only their work
    /// queues. Null: every type in the runtime's registry.
    /// </summary>
    public IReadOnlyList<string>? ProcessNames { get; init; }

    /// <summary>The worker's name in queue names and logs. Null: the runtime's <see cref="ProcessRuntime.OwnerId"/>, the owner its leases carry.</summary>
    public string? WorkerId { get; init; }

    /// <summary>
    /// How long a redelivered launch or continue waits for the lease of a process another worker
    /// held (a dead worker's lease lapses; a live one's is released when it finishes). Null: twice
    /// the runtime's lease duration.
    /// </summary>
    public TimeSpan? TakeOverWait { get; init; }

    /// <summary>How long the worker keeps answering for a process it finished (a task leaves no checkpoint to answer from). Default 1 min.</summary>
    public TimeSpan TerminatedRetention { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Serves the deployment's shared states (<see cref="RabbitMqProcessClient.SharedStates"/>)
    /// from the runtime's <see cref="ProcessRuntimeOptions.SharedStates"/>. One worker at a time
    /// serves them (the broker's single active consumer); when it goes, the next takes over once
    /// the state's ownership lease has lapsed, so every worker that serves them must use one
    /// shared durable store (a <see cref="Checkpoints.FileSharedStateStore"/> directory or a SQLite file).
    /// Default true.
    /// </summary>
    public bool ServeSharedStates { get; init; } = true;

    /// <summary>Where the worker logs (takes, takeovers, redeliveries, refused acks). The connection password is never logged.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
