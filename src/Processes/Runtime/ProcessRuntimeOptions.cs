using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Processes.Checkpoints;


namespace Processes;

/// <summary>Configures a <see cref="ProcessRuntime"/>.</summary>
public sealed record ProcessRuntimeOptions
{
    /// <summary>Where checkpoints go. Defaults to a new <see cref="InMemoryCheckpointStore"/>.</summary>
    public ICheckpointStore? Store { get; init; }

    /// <summary>Where process types are looked up by name. Defaults to <see cref="ProcessRegistry.Global"/>.</summary>
    public ProcessRegistry? Registry { get; init; }

    /// <summary>Logging. Defaults to no logging.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The application's services, which steps and task bodies reach through
    /// <see cref="ProcessContext.Services"/> (a scope per body when the provider can create
    /// scopes). Null (the default): bodies have no services. Processes.Sdk.Hosting's
    /// <c>AddProcesses</c> sets it to the host's container.
    /// </summary>
    public System.IServiceProvider? Services { get; init; }

    /// <summary>The clock used for creation and save times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Read every checkpoint back right after writing it. Null (the default) lets each process
    /// type decide: on in debug builds of the project that declares it, off in release builds.
    /// </summary>
    public bool? VerifyCheckpointsOnSave { get; init; }

    /// <summary>
    /// Keep the checkpoints of processes that <see cref="ProcessRuntime.RunAsync{TProcess}(TProcess, System.Threading.CancellationToken)"/> ran
    /// to a successful end. False (the default): once such a run has finished, its checkpoint
    /// and those of the children it launched are deleted, since the caller holds the outputs and
    /// nobody else knows the ids; a long-lived runtime calling <c>RunAsync</c> does not fill its
    /// store. Runs that fail (excepted, killed, non-zero exit code) always keep theirs, and
    /// processes started with <c>LaunchAsync</c> or <c>ContinueAsync</c> keep their terminal
    /// checkpoint whatever this says. A remote client's <c>RunAsync</c> on a
    /// <see cref="Remote.ProcessWorker"/> over this runtime follows the same rule.
    /// </summary>
    public bool KeepCheckpointsOfFinishedRuns { get; init; }

    /// <summary>
    /// Who this runtime is when it takes a process's lease (see <see cref="ProcessLease"/>): shown
    /// in <see cref="ProcessOwnedException"/> to whoever else tries to run the process. Defaults
    /// to the machine name, the OS process id and a random suffix, unique per runtime. Two runtimes
    /// must never share one.
    /// </summary>
    public string? OwnerId { get; init; }

    /// <summary>
    /// How long a lease lasts without renewal; the runtime renews its leases every third of it.
    /// After a crash, another runtime can take the processes over once this has passed. Default
    /// 30 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How failed checkpoint saves are retried before the process is detached (stopped where it
    /// is, its last good checkpoint kept and continuable). See <see cref="CheckpointSaveRetry"/>.
    /// </summary>
    public CheckpointSaveRetry SaveRetry { get; init; } = CheckpointSaveRetry.Default;

    /// <summary>
    /// How deep children may nest: a top-level process is at depth 1, its child at 2. A launch
    /// deeper than this fails the step that made it with <see cref="LaunchDepthExceededException"/>
    /// (a runaway recursion the cycle guard, <see cref="LaunchCycleException"/>, cannot see because
    /// its inputs change at each level). Default 100.
    /// </summary>
    public int MaxLaunchDepth { get; init; } = 100;

    /// <summary>
    /// Where this runtime keeps the shared states it owns and how long their change history is
    /// (<see cref="ProcessRuntime.SharedStates"/>); in memory with a history of 1024 when null.
    /// </summary>
    public SharedStateOptions? SharedStates { get; init; }
}
