using System.Collections.Generic;
using Processes.Runtime;

namespace Processes;

/// <summary>
/// The context a <c>[Process]</c> step receives. A step may launch children; after the step
/// returns, the process waits (state <see cref="ProcessState.Waiting"/>) until they all finish,
/// and the next step reads their outputs with <see cref="GetChild{TChild}"/>. A step cannot run a
/// child and wait for it inside the step (that wait would not survive a crash); a <c>[Task]</c>
/// can, with <see cref="TaskContext.RunAsync{TChild}"/>.
/// </summary>
public sealed class StepContext : ProcessContext
{
    internal StepContext(IProcessContextHost host)
        : base(host)
    {
    }

    /// <summary>
    /// Starts a child under <paramref name="key"/> and returns its id at once (the child runs
    /// after the step returns; the step does not wait for it). The parent records the child's id
    /// in its checkpoint, so a reloaded parent waits on the same child, and a step rerun after a
    /// crash gets the same child back instead of a second one. A child that fails makes the parent
    /// fail with the child's exception.
    /// </summary>
    public ProcessId StartChild<TChild>(string key, TChild child)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.LaunchChild(key, child);

    /// <summary>
    /// Returns the finished child started under <paramref name="key"/> by an earlier step, with
    /// its outputs set. Throws <see cref="System.InvalidOperationException"/> naming the key when
    /// no child was started under it, or when it was started by the running step (it has not run yet).
    /// </summary>
    public TChild GetChild<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.GetChild<TChild>(key);

    /// <summary>
    /// Fan-out: starts one child per item of <paramref name="children"/>, under the keys
    /// <c>key[0]</c>, <c>key[1]</c>, … in their order, and returns their ids. The next step reads
    /// all their results, in the same order, with <see cref="GetChildren{TChild}"/>. As for
    /// <see cref="StartChild{TChild}"/>, the parent waits for all of them, a step rerun after a
    /// crash gets the same children back, and the first child that fails fails the parent.
    /// </summary>
    public IReadOnlyList<ProcessId> StartChildren<TChild>(string key, IEnumerable<TChild> children)
        where TChild : class, IProcessDefinition<TChild>
    {
        System.ArgumentException.ThrowIfNullOrEmpty(key);
        System.ArgumentNullException.ThrowIfNull(children);
        var ids = new List<ProcessId>();
        foreach (var child in children)
        {
            ids.Add(Host.LaunchChild(ItemKey(key, ids.Count), child));
        }

        ForgetStaleItems(key, ids.Count);
        return ids;
    }

    /// <summary>
    /// Fan-out with a bound and a failure policy: as <see cref="StartChildren{TChild}(string, IEnumerable{TChild})"/>,
    /// but at most <see cref="MapOptions.MaxParallelism"/> children run at once (the others are
    /// launched paused, "queued", and started in item order as slots free; the queue is in the
    /// checkpoint, so a continued parent keeps the bound), and with
    /// <see cref="MapFailurePolicy.CollectErrors"/> a failed child does not fail the parent: the
    /// next step reads every outcome with <see cref="GetChildResults{TChild}"/>. With
    /// <see cref="MapFailurePolicy.FailFast"/> the first failure fails the parent at once and the
    /// other children are killed.
    /// </summary>
    public IReadOnlyList<ProcessId> StartChildren<TChild>(string key, IEnumerable<TChild> children, MapOptions options)
        where TChild : class, IProcessDefinition<TChild>
    {
        System.ArgumentException.ThrowIfNullOrEmpty(key);
        System.ArgumentNullException.ThrowIfNull(children);
        System.ArgumentNullException.ThrowIfNull(options);
        System.ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelism, 1, nameof(options.MaxParallelism));
        System.ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, nameof(options.ChunkSize));
        var collect = options.OnFailure == MapFailurePolicy.CollectErrors ? ChildFlags.CollectErrors : ChildFlags.None;
        if (options.ChunkSize > 1)
        {
            return StartChunks(key, children, options, collect);
        }

        var ids = new List<ProcessId>();
        foreach (var child in children)
        {
            var flags = ids.Count < options.MaxParallelism ? collect : collect | ChildFlags.Held;
            ids.Add(Host.LaunchChild(ItemKey(key, ids.Count), child, flags, options.MaxParallelism));
        }

        ForgetStaleItems(key, ids.Count);
        ForgetStaleChunks(key, 0);
        return ids;
    }

    /// <summary>A chunked fan-out: one <see cref="MapChunk{TItem}"/> child per run of <see cref="MapOptions.ChunkSize"/> items; returns the chunks' ids.</summary>
    private List<ProcessId> StartChunks<TChild>(string key, IEnumerable<TChild> children, MapOptions options, ChildFlags collect)
        where TChild : class, IProcessDefinition<TChild>
    {
        MapChunkDescriptor<TChild>.For(TChild.Descriptor);
        var ids = new List<ProcessId>();
        var chunk = new List<TChild>(options.ChunkSize);
        foreach (var child in children)
        {
            chunk.Add(child ?? throw new System.ArgumentException($"Item {(ids.Count * options.ChunkSize) + chunk.Count} of the fan-out '{key}' is null.", nameof(children)));
            if (chunk.Count == options.ChunkSize)
            {
                LaunchChunk();
            }
        }

        if (chunk.Count > 0)
        {
            LaunchChunk();
        }

        ForgetStaleChunks(key, ids.Count);
        ForgetStaleItems(key, 0);
        return ids;

        void LaunchChunk()
        {
            var flags = ids.Count < options.MaxParallelism ? collect : collect | ChildFlags.Held;
            var process = new MapChunk<TChild>([.. chunk], collectErrors: collect != ChildFlags.None);
            ids.Add(Host.LaunchChild(MapChunkNames.ChunkKey(key, ids.Count), process, flags, options.MaxParallelism));
            chunk.Clear();
        }
    }

    /// <summary>
    /// The finished children started by <see cref="StartChildren{TChild}(string, IEnumerable{TChild})"/> under
    /// <paramref name="key"/> in an earlier step, with their outputs set, in the order of the items
    /// (empty when there were none). When a collect-errors fan-out had failures, throws
    /// <see cref="ProcessMapException"/> with each failure by item index and every result; read
    /// them one by one with <see cref="GetChildResults{TChild}"/> instead.
    /// </summary>
    public IReadOnlyList<TChild> GetChildren<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild>
    {
        if (Host.HasChild(MapChunkNames.ChunkKey(key, 0)))
        {
            return GetChunkedChildren<TChild>(key);
        }

        var outcomes = GetChildResults<TChild>(key);
        var results = new TChild[outcomes.Count];
        List<KeyValuePair<int, System.Exception>>? failures = null;
        foreach (var outcome in outcomes)
        {
            if (outcome.Process is { } process)
            {
                results[outcome.Index] = process;
            }
            else
            {
                (failures ??= new()).Add(new KeyValuePair<int, System.Exception>(outcome.Index, outcome.Failure!));
            }
        }

        return failures is null ? results : throw new ProcessMapException(outcomes.Count, failures, results);
    }

    /// <summary>
    /// Every outcome of the children started by a fan-out under <paramref name="key"/> in an
    /// earlier step, in item order: the child with its outputs, or (in a collect-errors fan-out)
    /// its failure as <see cref="ChildProcessFailedException"/> with its final status.
    /// </summary>
    public IReadOnlyList<ChildResult<TChild>> GetChildResults<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild>
    {
        if (Host.HasChild(MapChunkNames.ChunkKey(key, 0)))
        {
            return GetChunkedResults<TChild>(key);
        }

        var results = new List<ChildResult<TChild>>();
        while (Host.HasChild(ItemKey(key, results.Count)))
        {
            var itemKey = ItemKey(key, results.Count);
            results.Add(Host.TryGetChildFailure(itemKey, out var status, out var local)
                ? new ChildResult<TChild>(results.Count, null, new ChildProcessFailedException(itemKey, status, local))
                : new ChildResult<TChild>(results.Count, Host.GetChild<TChild>(itemKey), null));
        }

        return results;
    }

    /// <summary>The per-item outcomes of a chunked fan-out, regrouped from its chunks in item order.</summary>
    private List<ChildResult<TChild>> GetChunkedResults<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild>
    {
        var results = new List<ChildResult<TChild>>();
        foreach (var chunk in GetChunks<TChild>(key))
        {
            for (var item = 0; item < chunk.Items.Length; item++)
            {
                results.Add(chunk.Failures[item] is { } failure
                    ? new ChildResult<TChild>(results.Count, null, ItemFailure<TChild>(key, results.Count, failure))
                    : new ChildResult<TChild>(results.Count, chunk.Items[item], null));
            }
        }

        return results;
    }

    /// <summary>As <see cref="GetChunkedResults{TChild}"/> for <see cref="GetChildren{TChild}"/>: the items straight into one array, a failure object only for a failed item.</summary>
    private TChild[] GetChunkedChildren<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild>
    {
        var chunks = GetChunks<TChild>(key);
        var count = 0;
        foreach (var chunk in chunks)
        {
            count += chunk.Items.Length;
        }

        var results = new TChild[count];
        List<KeyValuePair<int, System.Exception>>? failures = null;
        var index = 0;
        foreach (var chunk in chunks)
        {
            for (var item = 0; item < chunk.Items.Length; item++, index++)
            {
                if (chunk.Failures[item] is { } failure)
                {
                    (failures ??= new()).Add(new KeyValuePair<int, System.Exception>(index, ItemFailure<TChild>(key, index, failure)));
                }
                else
                {
                    results[index] = chunk.Items[item];
                }
            }
        }

        return failures is null ? results : throw new ProcessMapException(count, failures, results);
    }

    /// <summary>The finished chunks of the fan-out under <paramref name="key"/>, in order; a chunk that failed as a whole throws.</summary>
    private List<MapChunk<TChild>> GetChunks<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild>
    {
        MapChunkDescriptor<TChild>.For(TChild.Descriptor);
        var chunks = new List<MapChunk<TChild>>();
        for (var index = 0; Host.HasChild(MapChunkNames.ChunkKey(key, index)); index++)
        {
            var chunkKey = MapChunkNames.ChunkKey(key, index);
            if (Host.TryGetChildFailure(chunkKey, out var chunkStatus, out var chunkException))
            {
                // A chunk that failed as a whole (killed, or its checkpoint could not be written)
                // has no outcome per item to report.
                throw new ChildProcessFailedException(chunkKey, chunkStatus, chunkException);
            }

            chunks.Add(Host.GetChild<MapChunk<TChild>>(chunkKey));
        }

        return chunks;
    }

    private static ChildProcessFailedException ItemFailure<TChild>(string key, int index, MapChunkItemFailure failure)
        where TChild : class, IProcessDefinition<TChild> =>
        new(ItemKey(key, index), failure.ToStatus(TChild.Descriptor.Name), failure.Local);

    private void ForgetStaleChunks(string key, int count)
    {
        for (var stale = count; Host.HasChild(MapChunkNames.ChunkKey(key, stale)); stale++)
        {
            Host.ForgetChild(MapChunkNames.ChunkKey(key, stale));
        }
    }

    private void ForgetStaleItems(string key, int count)
    {
        // A shorter fan-out under a key used before (a later loop turn): the earlier turn's extra
        // results must not be read as this turn's.
        for (var stale = count; Host.HasChild(ItemKey(key, stale)); stale++)
        {
            Host.ForgetChild(ItemKey(key, stale));
        }
    }

    private static string ItemKey(string key, int index) =>
        key + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Returns true and the finished child started under <paramref name="key"/> by an earlier
    /// step; false when no such child exists (an optional branch that did not start one).
    /// </summary>
    public bool TryGetChild<TChild>(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TChild? child)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.TryGetChild(key, out child);

    /// <summary>
    /// A durable timer: after this step returns, the process waits (state <see cref="ProcessState.Waiting"/>,
    /// no thread held) for <paramref name="delay"/> before its next step, together with any
    /// children the step started. The due time is checkpointed with the step: a process stopped
    /// or crashed during the wait and continued anywhere wakes at the original time, or at once
    /// when it has passed. Calling it twice keeps the later time.
    /// </summary>
    public void WaitFor(System.TimeSpan delay)
    {
        System.ArgumentOutOfRangeException.ThrowIfLessThan(delay, System.TimeSpan.Zero);
        Host.StartTimer(Host.UtcNow + delay);
    }

    /// <summary>
    /// A durable timer until <paramref name="due"/> (see <see cref="WaitFor"/>); a time in the
    /// past goes on at once.
    /// </summary>
    public void WaitUntil(System.DateTimeOffset due) => Host.StartTimer(due);

    /// <summary>
    /// Ends the process once this step returns, with <paramref name="exitCode"/> and
    /// <paramref name="message"/> computed at run time (plumpy's <c>ExitCode</c> returned by a
    /// step): no later step runs. Zero finishes it successfully (its outputs are validated); any
    /// other code finishes it unsuccessfully, and waiting callers get
    /// <see cref="ProcessFinishedUnsuccessfullyException"/> with the code and message. The outline's
    /// <c>Return</c> does the same for codes known when the outline is written. A step that started
    /// children cannot end the process (end it in a later step, once they have finished).
    /// </summary>
    public void Exit(int exitCode, string? message = null) => Host.RequestExit(exitCode, message);

    /// <summary>True when a child was started under <paramref name="key"/> (by this step or an earlier one).</summary>
    public bool HasChild(string key) => Host.HasChild(key);

    /// <summary>
    /// An external event: after this step returns, the process waits (state
    /// <see cref="ProcessState.Waiting"/>, no thread held) until a client raises event
    /// <paramref name="eventName"/> to it (<see cref="IProcessClient.RaiseEventAsync{TPayload}"/>);
    /// the next step reads it with <see cref="GetEvent{TPayload}"/>. Calling it for several names
    /// waits for whichever comes first. An event raised before the wait (even while the process was
    /// stopped) is kept and taken at once. The wait is checkpointed: a process continued anywhere
    /// keeps waiting for the same events.
    /// </summary>
    public void WaitForEvent(string eventName) => Host.WaitForEvent(eventName, deadline: null);

    /// <summary>
    /// Waits for event <paramref name="eventName"/> as <see cref="WaitForEvent(string)"/> does, but
    /// at most <paramref name="timeout"/>: an event or a durable timer, whichever comes first. The
    /// deadline is checkpointed with the step. After a timeout the next step finds no event
    /// (<see cref="HasEvent"/> is false).
    /// </summary>
    public void WaitForEvent(string eventName, System.TimeSpan timeout)
    {
        System.ArgumentOutOfRangeException.ThrowIfLessThan(timeout, System.TimeSpan.Zero);
        Host.WaitForEvent(eventName, Host.UtcNow + timeout);
    }

    /// <summary>
    /// True when an earlier wait received event <paramref name="eventName"/> (with or without a
    /// payload). A new wait for the same name forgets the one received before.
    /// </summary>
    public bool HasEvent(string eventName) => Host.TryGetEvent(eventName, out _);

    /// <summary>
    /// The payload of event <paramref name="eventName"/> received by an earlier wait. Throws
    /// <see cref="System.InvalidOperationException"/> when none was received (the wait timed out,
    /// or nothing waited for it) or its payload is of another type.
    /// </summary>
    public TPayload GetEvent<TPayload>(string eventName)
        where TPayload : Ports.IPortNamespace<TPayload> =>
        TryGetEvent<TPayload>(eventName, out var payload)
            ? payload
            : throw new System.InvalidOperationException($"Process {Host.Name} ({Host.Id}) has received no event '{eventName}' (its wait timed out, or no step waited for it).");

    /// <summary>The payload of event <paramref name="eventName"/> when an earlier wait received it; false otherwise (see <see cref="GetEvent{TPayload}"/>).</summary>
    public bool TryGetEvent<TPayload>(string eventName, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TPayload payload)
        where TPayload : Ports.IPortNamespace<TPayload>
    {
        if (!Host.TryGetEvent(eventName, out var record))
        {
            payload = default;
            return false;
        }

        payload = ProcessEventPayload.Deserialize<TPayload>(record!, Host.Id);
        return true;
    }
}
