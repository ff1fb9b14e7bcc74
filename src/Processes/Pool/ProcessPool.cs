using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Processes.Pool;

/// <summary>
/// A pool of worker OS processes behind one <see cref="IProcessClient"/>: it starts and supervises
/// N workers (a <c>Remote.ProcessWorker</c> each, over named pipes), queues launches by priority
/// until a slot is free, places each on the worker with the most free slots, and when a worker
/// dies starts another and continues the dead worker's processes from their checkpoints. Calls
/// are the typed calls of a single worker. See docs/concepts/pool.md.
/// <code>
/// await using var pool = await ProcessPool.StartAsync(new()
/// {
///     WorkerFileName = "dotnet",
///     WorkerArguments = ["Worker.dll", "--pipe", ProcessPoolOptions.PipeNameToken, "--store", "checkpoints"],
/// });
/// var square = await pool.RunAsync(new Square { X = 7 });
/// var urgent = await pool.LaunchAsync(new Relax { Steps = 9 }, new LaunchOptions { Priority = -1 });
/// </code>
/// </summary>
public sealed partial class ProcessPool : IProcessClient
{
    private readonly object _gate = new();
    private readonly ProcessPoolOptions _options;
    private readonly ILogger _logger;
    private readonly PoolQueue _queue;
    private readonly List<PoolWorker> _workers = new();
    private readonly List<PoolStatusWatch> _watches = new();
    private readonly ConcurrentDictionary<ProcessId, IProcessHandle> _handles = new();

    // Concurrency control, guarded by _gate: running items per type with a limit, and the item
    // (waiting or running) that holds each single-instance key.
    private readonly Dictionary<string, int> _runningByType = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Key), PoolWorkItem> _instances = new();
    private readonly CancellationTokenSource _killing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // A fresh part of every pipe name, so two pools (or a pool after a crash) never meet a stale pipe.
    private readonly string _pipeTag = Guid.NewGuid().ToString("N")[..6];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<PoolWorkItem, bool> _canStart;
    private readonly Func<PoolWorkItem, bool> _canPlace;
    private long _lastSequence;
    private PoolClosePolicy? _closePolicy;
    private bool _stopped;

    private ProcessPool(ProcessPoolOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<ProcessPool>();
        _queue = new PoolQueue(options.AgingInterval);
        _canStart = CanStartLocked;
        _canPlace = item => RoomiestWorkerLocked(item) is not null;
    }

    /// <summary>
    /// Starts the pool: its <see cref="ProcessPoolOptions.WorkerCount"/> workers and its adopted
    /// ones, each connected before this returns. A worker that does not start fails the call (and
    /// stops those that did).
    /// </summary>
    public static async Task<ProcessPool> StartAsync(ProcessPoolOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pool = new ProcessPool(options);
        var starts = new List<Task<PoolWorker>>();
        for (var place = 0; place < options.WorkerCount; place++)
        {
            starts.Add(PoolWorkerStarter.StartAsync(options, pool.PipeNameFor(place, restarts: 0), place, restarts: 0, pool._logger, cancellationToken));
        }

        for (var adopted = 0; adopted < options.AdoptPipeNames.Count; adopted++)
        {
            starts.Add(PoolWorkerStarter.AdoptAsync(options, options.AdoptPipeNames[adopted], options.WorkerCount + adopted, cancellationToken));
        }

        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            foreach (var start in starts)
            {
                if (start.IsCompletedSuccessfully)
                {
                    await PoolWorkerStarter.StopAsync(start.Result, options.StopTimeout).ConfigureAwait(false);
                }
            }

            throw;
        }

        foreach (var start in starts)
        {
            pool.AddWorker(start.Result);
        }

        return pool;
    }

    /// <summary>The workers, their slots and the queue by priority, now.</summary>
    public ProcessPoolStatus GetStatus()
    {
        lock (_gate)
        {
            return StatusLocked();
        }
    }

    private ProcessPoolStatus StatusLocked()
    {
        var workers = new List<PoolWorkerStatus>(_workers.Count);
        foreach (var worker in _workers)
        {
            workers.Add(worker.ToStatus());
        }

        return new ProcessPoolStatus(workers, _queue.CountsByLevel(), _closePolicy is not null, new Dictionary<string, int>(_runningByType, StringComparer.Ordinal));
    }

    private string PipeNameFor(int place, int restarts) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_options.PipeNamePrefix}{_pipeTag}w{place}r{restarts}");

    private long NextSequence() => Interlocked.Increment(ref _lastSequence);

    /// <summary>Wakes whoever waits for a change (a close draining the pool) and reports the status.</summary>
    private void Changed()
    {
        ProcessPoolStatus? status = null;
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_options.Progress is not null)
            {
                status = StatusLocked();
            }
        }

        changed.TrySetResult();
        if (status is not null)
        {
            _options.Progress!.Report(status);
        }
    }

    private Task NextChange()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }
}
