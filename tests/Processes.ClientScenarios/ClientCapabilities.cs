namespace Processes.ClientScenarios;

/// <summary>
/// Where a transport legitimately differs from another. The scenario checks the documented
/// behaviour of each side of a difference instead of skipping it, so a transport that gains or
/// loses a capability fails until its flag is changed.
/// </summary>
public sealed record ClientCapabilities
{
    /// <summary>A worker over a pipe, the pool and the broker: every flag set.</summary>
    public static ClientCapabilities Remote { get; } = new();

    /// <summary>
    /// The in-process runtime: a task that ended without a checkpoint (tasks checkpoint only as
    /// children or with a retry policy) is gone once it ended, where a worker still remembers it.
    /// </summary>
    public static ClientCapabilities InProcess { get; } = new() { RemembersEndedTasks = false };

    /// <summary>
    /// A task that ended is still found by id, so a control call answers
    /// <see cref="ProcessControlOutcome.Terminated"/>; without it the call throws
    /// <see cref="CheckpointNotFoundException"/>.
    /// </summary>
    public bool RemembersEndedTasks { get; init; } = true;

    /// <summary>
    /// <see cref="IProcessClient.ContinueAsync{TProcess}(ProcessId, ContinueOptions?, System.Threading.CancellationToken)"/>
    /// queues the continue and returns its handle at once (the pool): a failure to continue, such
    /// as no checkpoint or a retry of a process that finished, fails the handle's waits instead
    /// of the call.
    /// </summary>
    public bool QueuesContinue { get; init; }

    /// <summary>The RabbitMQ client: as a remote worker.</summary>
    public static ClientCapabilities Broker { get; } = new();

    /// <summary>The pool: a queued continue, otherwise as a remote worker.</summary>
    public static ClientCapabilities Pool { get; } = new() { QueuesContinue = true };
}
