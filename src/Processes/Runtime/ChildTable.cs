using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// The children of one process: their records (checkpointed, in launch order), the keys the next
/// step waits for, the live executions and the finished children's instances or failures, the
/// per-step launch counts that derive child ids, and, after a reload, the children an interrupted
/// step had launched that its rerun may claim.
/// </summary>
/// <remarks>
/// Not thread-safe: its execution calls every member under its own gate, except
/// <see cref="HasAwaited"/>, which only the process's own flow reads (the only flow that changes
/// the awaited keys). Created by the first child: most processes launch none.
/// </remarks>
internal sealed class ChildTable
{
    // The key of children started by ProcessContext.RunAsync, which have no key of their own.
    public const string RunChildKey = "\0run";

    // Insertion-ordered so checkpoints and reloads list children the same way every time; keyed
    // so that each launch, lookup and wait of a large fan-out costs O(1).
    private readonly InsertionOrderedMap<ChildRecord> _records = new();
    private readonly InsertionOrderedMap<bool> _awaited = new();
    private readonly Dictionary<string, ProcessExecution> _live = new(StringComparer.Ordinal);
    private Dictionary<string, object>? _results;
    // Children of a collect-errors fan-out that failed: the next step reads them with the results.
    private Dictionary<string, (ProcessStatus Status, Exception? Local)>? _failures;
    // Launches per key in the running step: the occurrence part of a derived child id.
    private Dictionary<string, int>? _launchesThisStep;
    // After a reload: children the store has for this process that its checkpoint does not name,
    // i.e. launched by the step that was interrupted. That step reruns and claims them by id;
    // whatever it does not claim is deleted after it.
    private HashSet<ProcessId>? _replay;

    /// <summary>The children a checkpoint names, or null when it names none.</summary>
    public static ChildTable? Restore(ProcessSnapshot snapshot)
    {
        if (snapshot.Children.Count == 0 && snapshot.AwaitedChildren.Count == 0)
        {
            return null;
        }

        var table = new ChildTable();
        foreach (var record in snapshot.Children)
        {
            table._records.SetLast(record.Key, record);
        }

        foreach (var key in snapshot.AwaitedChildren)
        {
            table._awaited.SetLast(key, true);
        }

        table.LaunchedAny = snapshot.Children.Count > 0;
        return table;
    }

    /// <summary>Whether this process ever launched a child, so a finished run knows to look for them.</summary>
    public bool LaunchedAny { get; private set; }

    /// <summary>Whether the next step waits for children launched by the last one.</summary>
    public bool HasAwaited => _awaited.Count > 0;

    /// <summary>How many children have a record.</summary>
    public int RecordCount => _records.Count;

    /// <summary>The records in launch order.</summary>
    public IEnumerable<ChildRecord> Records
    {
        get
        {
            foreach (var entry in _records)
            {
                yield return entry.Value;
            }
        }
    }

    public ChildRecord[] RecordsToArray() => _records.ValuesToArray();

    public string[] AwaitedToArray() => _awaited.KeysToArray();

    /// <summary>A child's record by key.</summary>
    public ChildRecord? Find(string key) => _records.TryGetValue(key, out var record) ? record : null;

    public bool Exists(string key) => _records.ContainsKey(key);

    /// <summary>The type name of the child under <paramref name="key"/>, for messages.</summary>
    public string NameOf(string key) => Find(key)?.Name ?? "?";

    /// <summary>Hands a reloaded process the children its interrupted step had launched.</summary>
    public void SetReplay(HashSet<ProcessId> children)
    {
        _replay = children;
        LaunchedAny = true;
    }

    /// <summary>Takes the replayed children the rerun did not claim (null: none).</summary>
    public HashSet<ProcessId>? TakeUnclaimedReplay()
    {
        var unclaimed = _replay;
        _replay = null;
        return unclaimed;
    }

    /// <summary>Starts a step's count of launches per key afresh.</summary>
    public bool HasLaunchCounts => _launchesThisStep is { Count: > 0 };

    public void ResetLaunchCounts() => _launchesThisStep?.Clear();

    /// <summary>
    /// The next child id under <paramref name="key"/> in step <paramref name="stepSequence"/> of
    /// <paramref name="parent"/>, and whether the interrupted run had launched it already.
    /// </summary>
    public (ProcessId Id, bool Existing) Next(ProcessId parent, int stepSequence, string key)
    {
        var counts = _launchesThisStep ??= new(StringComparer.Ordinal);
        counts.TryGetValue(key, out var occurrence);
        counts[key] = occurrence + 1;
        LaunchedAny = true;
        var id = ChildIds.Derive(parent, stepSequence, key, occurrence);
        return (id, _replay?.Remove(id) == true);
    }

    /// <summary>
    /// Records a child launched under <paramref name="record"/>'s key, replacing an earlier one
    /// under that key (e.g. one child per loop turn); the next step waits for it.
    /// <paramref name="execution"/> is null when the child was launched before a reload and is attached later.
    /// </summary>
    public void Add(ChildRecord record, ProcessExecution? execution)
    {
        var key = record.Key;
        _records.SetLast(key, record);
        _failures?.Remove(key);
        _awaited.SetLast(key, true);
        if (execution is null)
        {
            _live.Remove(key);
        }
        else
        {
            _live[key] = execution;
        }

        _results?.Remove(key);
    }

    /// <summary>Forgets a finished child of an earlier step; one still awaited stays.</summary>
    public void Forget(string key)
    {
        if (!_awaited.ContainsKey(key))
        {
            _records.Remove(key);
            _results?.Remove(key);
            _failures?.Remove(key);
        }
    }

    /// <summary>The instance of a child that finished successfully.</summary>
    public bool TryGetResult(string key, out object? result)
    {
        if (_results is not null && _results.TryGetValue(key, out var found))
        {
            result = found;
            return true;
        }

        result = null;
        return false;
    }

    public bool HasResult(string key) => _results is not null && _results.ContainsKey(key);

    public void SetResult(string key, object instance) => (_results ??= new(StringComparer.Ordinal))[key] = instance;

    /// <summary>A failed child of a collect-errors fan-out.</summary>
    public bool TryGetFailure(string key, [NotNullWhen(true)] out ProcessStatus? status, out Exception? localException)
    {
        if (_failures is not null && _failures.TryGetValue(key, out var failure))
        {
            (status, localException) = failure;
            return true;
        }

        status = null;
        localException = null;
        return false;
    }

    public void SetFailure(string key, ProcessStatus status, Exception? localException) =>
        (_failures ??= new(StringComparer.Ordinal))[key] = (status, localException);

    /// <summary>Whether the child under <paramref name="key"/> belongs to a fan-out that collects errors.</summary>
    public bool CollectsErrors(string key) => Find(key) is { } record && (record.Flags & ChildFlags.CollectErrors) != 0;

    public void SetLive(string key, ProcessExecution execution) => _live[key] = execution;

    /// <summary>
    /// The awaited children: those live here, and the records of those to attach first (launched
    /// before a reload).
    /// </summary>
    public (List<(string Key, ProcessExecution Execution)> Live, List<ChildRecord> ToAttach) SplitAwaited()
    {
        var live = new List<(string Key, ProcessExecution Execution)>();
        var toAttach = new List<ChildRecord>();
        foreach (var entry in _awaited)
        {
            var key = entry.Key;
            if (_live.TryGetValue(key, out var execution))
            {
                live.Add((key, execution));
            }
            else if (Find(key) is { } record)
            {
                toAttach.Add(record);
            }
        }

        return (live, toAttach);
    }

    /// <summary>The first checkpoints of the awaited children that are live here.</summary>
    public Task AwaitedPersisted()
    {
        var pending = new List<Task>();
        foreach (var entry in _awaited)
        {
            if (_live.TryGetValue(entry.Key, out var execution))
            {
                pending.Add(execution.Persisted);
            }
        }

        return Task.WhenAll(pending);
    }

    public void ClearAwaited() => _awaited.Clear();

    /// <summary>The fan-out bound of each child key (0: unbounded).</summary>
    public Dictionary<string, int> ParallelismByKey()
    {
        var parallelism = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in _records)
        {
            parallelism[entry.Key] = entry.Value.Parallelism;
        }

        return parallelism;
    }

    /// <summary>After a reload: the children that are neither awaited nor read yet (to load their outcome).</summary>
    public List<ChildRecord> NotYetLoaded()
    {
        var missing = new List<ChildRecord>();
        foreach (var entry in _records)
        {
            if (!HasResult(entry.Key) && !_awaited.ContainsKey(entry.Key))
            {
                missing.Add(entry.Value);
            }
        }

        return missing;
    }

    /// <summary>The live children that have not terminated (to kill them with their parent).</summary>
    public List<ProcessExecution> LiveRunning()
    {
        var running = new List<ProcessExecution>();
        foreach (var child in _live.Values)
        {
            if (!child.State.IsTerminal())
            {
                running.Add(child);
            }
        }

        return running;
    }
}
