using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Processes.Pool;

/// <summary>Configures a <see cref="ProcessPool"/>: the workers it starts or adopts, their slots, its queue and its close.</summary>
public sealed record ProcessPoolOptions
{
    /// <summary>The token in <see cref="WorkerArguments"/> replaced by the worker's pipe name.</summary>
    public const string PipeNameToken = "{pipe}";

    /// <summary>
    /// The executable of a worker (e.g. <c>dotnet</c>, or a native worker binary), or null for a
    /// pool of adopted workers only (<see cref="AdoptPipeNames"/>). A worker hosts a
    /// <c>Remote.ProcessWorker</c> on the pipe it is given; workers of one pool should share one
    /// checkpoint store, so a process of a dead worker can be continued by another.
    /// </summary>
    public string? WorkerFileName { get; init; }

    /// <summary>
    /// The worker's arguments; each occurrence of <see cref="PipeNameToken"/> is replaced by the
    /// pipe name the pool chose for it (e.g. <c>["Worker.dll", "--pipe", "{pipe}", "--store", dir]</c>).
    /// </summary>
    public IReadOnlyList<string> WorkerArguments { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Environment variables set for each started worker beside the pool's own (e.g. a secret the
    /// worker reads, kept off the command line where other users could read it).
    /// </summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>How many workers to start: one per core by default.</summary>
    public int WorkerCount { get; init; } = Environment.ProcessorCount;

    /// <summary>How many processes one worker runs at once.</summary>
    public int SlotsPerWorker { get; init; } = 2;

    /// <summary>
    /// How many task runs (<c>RunAsync</c> of a task or process) the pool may send to a worker
    /// beyond its free slots, to wait there and start the moment a slot frees: the worker never
    /// idles for the round trip between two runs, which matters for short tasks (a run of
    /// ≈0.1 ms otherwise spends about as long waiting for the next one). The worker still runs at
    /// most <see cref="SlotsPerWorker"/> at once. The price is priority: a run of a better level
    /// queued later may wait behind up to this many runs already sent to each worker. Launches,
    /// continues and chains never run ahead, and a worker running one of them takes no runs ahead.
    /// 0 (the default) keeps priorities strict. Needs workers of this version (older ones are
    /// used without run-ahead).
    /// </summary>
    public int RunAheadPerWorker { get; init; }

    /// <summary>The start of every pipe name the pool chooses (a unique part and the worker's place follow). Keep it short: on Unix it is a file name.</summary>
    public string PipeNamePrefix { get; init; } = "pool";

    /// <summary>Pipes of workers that already run, used beside the started ones. An adopted worker that dies is not restarted.</summary>
    public IReadOnlyList<string> AdoptPipeNames { get; init; } = Array.Empty<string>();

    /// <summary>The workers' shared secret (see <c>Remote.ProcessWorkerOptions.SharedSecret</c>); pass it to started workers in <see cref="WorkerArguments"/>.</summary>
    public byte[]? SharedSecret { get; init; }

    /// <summary>How long a worker has to start and accept the pool's connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Against starvation: every this long a launch has waited counts as one priority level
    /// better, so a steady stream of high-priority work cannot hold back a low-priority launch
    /// forever. Null (the default): strict levels.
    /// </summary>
    public TimeSpan? AgingInterval { get; init; }

    /// <summary>
    /// How long a process of a dead worker may wait for the dead worker's lease when it is
    /// continued elsewhere (a crashed worker of this machine is taken over at once; others wait
    /// for their lease to expire).
    /// </summary>
    public TimeSpan ContinueWaitForOwner { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>What <see cref="ProcessPool.DisposeAsync"/> does with queued and running work.</summary>
    public PoolClosePolicy ClosePolicy { get; init; } = PoolClosePolicy.Join;

    /// <summary>How long a worker may take to stop cleanly (stdin closed) before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receives a <see cref="ProcessPoolStatus"/> on every change of a slot or of the queue.</summary>
    public IProgress<ProcessPoolStatus>? Progress { get; init; }

    /// <summary>Logging (worker starts, deaths, restarts, their stderr). Defaults to none.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SlotsPerWorker, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(RunAheadPerWorker);
        ArgumentOutOfRangeException.ThrowIfNegative(WorkerCount);
        ArgumentException.ThrowIfNullOrEmpty(PipeNamePrefix);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        if (AgingInterval is { } aging)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(aging, TimeSpan.Zero, nameof(AgingInterval));
        }

        if (WorkerFileName is null && WorkerCount > 0)
        {
            throw new ArgumentException("Set WorkerFileName to start workers, or WorkerCount = 0 to use adopted ones only.", nameof(WorkerFileName));
        }

        if (WorkerCount == 0 && AdoptPipeNames.Count == 0)
        {
            throw new ArgumentException("A pool needs workers: set WorkerCount or AdoptPipeNames.", nameof(WorkerCount));
        }
    }
}
