using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Diagnostics;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// Writes one process's checkpoints: the save lock that orders them against its steps, building
/// the envelope (from the live instance, or around the data of the last stored checkpoint),
/// verifying it, storing it under the lease's fencing token with the runtime's save retry, and
/// deleting checkpoints. It also holds the process's lease.
/// </summary>
/// <remarks>
/// What to write (the snapshot of the status) and when is the execution's decision: it takes the
/// save lock (<see cref="EnterAsync"/>), takes its snapshot under its own gate, and calls
/// <see cref="WriteLockedAsync"/>. Thread-safe: the lease is swapped atomically, writes are
/// serialized by the save lock.
/// </remarks>
internal sealed class CheckpointWriter
{
    private readonly ProcessExecution _owner;

    // Held while a checkpoint is written, and briefly by the loop before it starts a step, so a
    // checkpoint never serializes state that a step is changing.
    private readonly AsyncExclusiveLock _saveLock = new();
    private ProcessLease? _lease;

    public CheckpointWriter(ProcessExecution owner)
    {
        _owner = owner;
    }

    private ProcessRuntime Runtime => _owner.Runtime;

    /// <summary>The lease this runtime holds on the process, if any.</summary>
    public ProcessLease? Lease => Volatile.Read(ref _lease);

    public void SetLease(ProcessLease lease) => Volatile.Write(ref _lease, lease);

    /// <summary>Replaces <paramref name="current"/> by <paramref name="renewed"/>, unless the lease changed meanwhile (released).</summary>
    public void ReplaceLease(ProcessLease current, ProcessLease renewed) => Interlocked.CompareExchange(ref _lease, renewed, current);

    /// <summary>Takes the lease to give it back (null when none is held, or another call took it).</summary>
    public ProcessLease? TakeLease() => Interlocked.Exchange(ref _lease, null);

    /// <summary>Enters the save lock; completes synchronously when no checkpoint is being written.</summary>
    public ValueTask EnterAsync() => _saveLock.EnterAsync();

    public void Exit() => _saveLock.Exit();

    /// <summary>
    /// Builds and stores a checkpoint of <paramref name="snapshot"/>; the caller holds the save
    /// lock. The data is the live instance's, or with <paramref name="keepStoredData"/> that of
    /// the last stored checkpoint; when nothing is stored yet, the live instance's if
    /// <paramref name="liveWhenNothingStored"/>, else nothing is written (the launch checkpoint
    /// is still being written and will follow).
    /// </summary>
    /// <remarks>
    /// The checkpoint after a step (the live instance's data) into a synchronous store
    /// (<see cref="ISynchronousCheckpointStore"/>) is written and stored on the calling thread, with
    /// no asynchronous method in between: that is every save of a process on the in-memory store.
    /// </remarks>
    /// <exception cref="CheckpointSaveFailedException">Every attempt failed, or the lease was lost.</exception>
    public ValueTask WriteLockedAsync(in ProcessSnapshot snapshot, bool keepStoredData, bool liveWhenNothingStored)
    {
        if (keepStoredData || Runtime.SynchronousStore is not { } store)
        {
            return WriteLockedSlowAsync(snapshot, keepStoredData, liveWhenNothingStored);
        }

        var writer = Runtime.RentWriter();
        try
        {
            writer.Reset();
            CheckpointEnvelope.Write(writer, snapshot, _owner);
            StoreSynchronously(store, snapshot, writer);
        }
        finally
        {
            Runtime.ReturnWriter(writer);
        }

        return default;
    }

    private async ValueTask WriteLockedSlowAsync(ProcessSnapshot snapshot, bool keepStoredData, bool liveWhenNothingStored)
    {
        var owner = _owner;
        var writer = Runtime.RentWriter();
        try
        {
            writer.Reset();
            if (!keepStoredData)
            {
                CheckpointEnvelope.Write(writer, snapshot, owner);
            }
            else if (await Runtime.Store.LoadAsync(owner.Id).ConfigureAwait(false) is { } stored)
            {
                var (_, sections) = CheckpointEnvelope.Read(stored.Data, $"of {owner.Name} {owner.Id}");
                CheckpointEnvelope.Write(writer, snapshot, sections);
            }
            else if (liveWhenNothingStored)
            {
                CheckpointEnvelope.Write(writer, snapshot, owner);
            }
            else
            {
                return;
            }

            if (Runtime.SynchronousStore is { } store)
            {
                StoreSynchronously(store, snapshot, writer);
                return;
            }

            VerifyIfAsked(writer);
            var savedAt = Runtime.TimeProvider.GetUtcNow();
            var startedAt = ProcessesMetrics.CheckpointSaveDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
            var info = new CheckpointInfo(owner.Id, owner.Name, snapshot.State, snapshot.Paused, owner.Tags, savedAt, owner.ParentId);
            await StoreAsync(new Checkpoint(info, writer.WrittenMemory) { FencingToken = Lease?.FencingToken }).ConfigureAwait(false);
            Saved(snapshot.State, startedAt, writer.Length);
        }
        finally
        {
            Runtime.ReturnWriter(writer);
        }
    }

    /// <summary>Deletes the checkpoint of <paramref name="id"/> (this process's or a child's); failures are logged.</summary>
    /// <remarks>A store that deletes synchronously (the in-memory one) ends here, without entering an async method.</remarks>
    public ValueTask DeleteAsync(ProcessId id)
    {
        ValueTask<bool> deleting;
        try
        {
            deleting = Runtime.Store.DeleteAsync(id);
        }
        catch (Exception exception)
        {
            deleting = ValueTask.FromException<bool>(exception);
        }

        if (!deleting.IsCompletedSuccessfully)
        {
            return AwaitDeleteAsync(deleting, id);
        }

        // Observes the result (a ValueTask backed by a source must be read once).
        _ = deleting.Result;
        return default;
    }

    private async ValueTask AwaitDeleteAsync(ValueTask<bool> deleting, ProcessId id)
    {
        try
        {
            await deleting.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.CheckpointDeleteFailed(_owner.Logger, exception, _owner.Name, id);
        }
    }

    /// <summary>
    /// Writes a checkpoint with the lease's fencing token, retrying failures as the runtime's
    /// <see cref="CheckpointSaveRetry"/> says. Throws <see cref="CheckpointSaveFailedException"/>
    /// when every attempt failed or the lease was lost; the store then still holds the last good one.
    /// </summary>
    private async ValueTask StoreAsync(Checkpoint checkpoint)
    {
        var retry = Runtime.SaveRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Runtime.Store.SaveAsync(checkpoint).ConfigureAwait(false);
                return;
            }
            catch (LeaseLostException lost)
            {
                throw new CheckpointSaveFailedException(_owner.Id, _owner.Name, attempt, lost);
            }
            catch (Exception exception) when (exception is not ArgumentException)
            {
                if (attempt >= Math.Max(retry.MaxAttempts, 1) || Runtime.IsStopped)
                {
                    throw new CheckpointSaveFailedException(_owner.Id, _owner.Name, attempt, exception);
                }

                var delay = retry.DelayAfter(attempt);
                Log.CheckpointSaveRetrying(_owner.Logger, exception, _owner.Name, _owner.Id, attempt, delay);
                await Task.Delay(delay, Runtime.TimeProvider).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Verifies (when asked), saves into a synchronous store without building its records (see
    /// <see cref="ISynchronousCheckpointStore"/>) and records the save; a lost lease fails as
    /// <see cref="StoreAsync"/> fails.
    /// </summary>
    private void StoreSynchronously(ISynchronousCheckpointStore store, in ProcessSnapshot snapshot, ProcessWriter writer)
    {
        VerifyIfAsked(writer);
        var owner = _owner;
        var savedAt = Runtime.TimeProvider.GetUtcNow();
        var startedAt = ProcessesMetrics.CheckpointSaveDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        try
        {
            store.Save(owner.Id, new CheckpointFields(owner.Name, snapshot.State, snapshot.Paused, owner.Tags, savedAt, owner.ParentId, Sequence: 0), writer.WrittenSpan, Lease?.FencingToken);
        }
        catch (LeaseLostException lost)
        {
            throw new CheckpointSaveFailedException(owner.Id, owner.Name, 1, lost);
        }

        Saved(snapshot.State, startedAt, writer.Length);
    }

    /// <summary>Records a stored checkpoint: its metrics and its log line.</summary>
    private void Saved(ProcessState state, long startedAt, int bytes)
    {
        if (startedAt != 0)
        {
            ProcessesMetrics.CheckpointSaveDuration.Record(ProcessesMetrics.SecondsSince(startedAt), ProcessesMetrics.TypeTag(_owner.Name));
        }

        if (ProcessesMetrics.CheckpointSize.Enabled)
        {
            ProcessesMetrics.CheckpointSize.Record(bytes, ProcessesMetrics.TypeTag(_owner.Name));
        }

        Log.CheckpointSaved(_owner.Logger, _owner.Name, _owner.Id, state, bytes);
    }

    /// <summary>Reads the written checkpoint back when the runtime or the type asks for it.</summary>
    private void VerifyIfAsked(ProcessWriter writer)
    {
        if (Runtime.ShouldVerify(_owner.Descriptor))
        {
            Verify(writer.WrittenMemory);
        }
    }

    /// <summary>Reads a checkpoint back into a throwaway instance: proves it loads.</summary>
    private void Verify(ReadOnlyMemory<byte> data)
    {
        try
        {
            var (_, sections) = CheckpointEnvelope.Read(data, $"of {_owner.Name} {_owner.Id}");
            _owner.VerifyReadable(sections);
        }
        catch (ProcessException exception)
        {
            throw new CheckpointVerificationException(_owner.Id, _owner.Name, exception);
        }
    }
}
