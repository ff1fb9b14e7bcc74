using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Ports;
using Processes.Runtime;

namespace Processes;

/// <summary>Continuing processes from their checkpoints: taking the lease, checking what was stored, restarting.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Returns the live execution of a process, or loads it from its checkpoint. A terminated
    /// process is only read (no lease, not started); any other is leased, its checkpoint read
    /// again under the lease (it may have moved on meanwhile), checked, and started.
    /// </summary>
    internal async ValueTask<ProcessExecution> AttachAsync(ProcessId id, CancellationToken cancellationToken, ContinueOptions? options = null)
    {
        if (_live.TryGetValue(id, out var live))
        {
            if (options is not { RetryExcepted: true } || !live.State.IsTerminal())
            {
                return live;
            }

            // A retry of a process that has just ended here: its execution is still leaving
            // (terminal checkpoint, lease release). Retry from the store once it has left.
            await WaitUntilLeftAsync(live, cancellationToken).ConfigureAwait(false);
        }

        ThrowIfStopped();
        if (options?.FromSequence is null)
        {
            var peeked = await LoadCheckpointAsync(id, fromSequence: null, cancellationToken).ConfigureAwait(false);
            var (peekedSnapshot, peekedSections) = CheckpointEnvelope.Read(peeked.Data, $"of process {id}");
            if (peekedSnapshot.State.IsTerminal() && !ProcessRetry.Applies(options, peekedSnapshot))
            {
                return Registry.Get(peekedSnapshot.Name).CreateAdapter().Restore(this, peekedSnapshot, peekedSections);
            }
        }

        var lease = await AcquireLeaseAsync(id, options?.WaitForOwner ?? TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var started = false;
        try
        {
            await _attachLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_live.TryGetValue(id, out live))
                {
                    started = true; // its execution holds this same lease
                    return live;
                }

                ThrowIfStopped();
                var execution = await RestoreUnderLeaseAsync(id, lease, options, cancellationToken).ConfigureAwait(false);
                if (execution.State.IsTerminal())
                {
                    return execution;
                }

                execution.SetLease(lease);
                _live[id] = execution;
                started = true;
                Log.Continued(execution.Logger, execution.Name, id, execution.State);
                execution.Start();
                return execution;
            }
            finally
            {
                _attachLock.Release();
            }
        }
        finally
        {
            if (!started)
            {
                await ReleaseQuietlyAsync(lease).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until a terminated execution has left the live table (bounded: it only has its last writes to finish).</summary>
    private async ValueTask WaitUntilLeftAsync(ProcessExecution execution, CancellationToken cancellationToken)
    {
        await execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency * 30);
        while (_live.TryGetValue(execution.Id, out var current) && ReferenceEquals(current, execution))
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Process {execution.Name} ({execution.Id}) ended but did not release its lease within 30 s; it cannot be retried yet.");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<ProcessExecution> RestoreUnderLeaseAsync(ProcessId id, ProcessLease lease, ContinueOptions? options, CancellationToken cancellationToken)
    {
        var checkpoint = await LoadCheckpointAsync(id, options?.FromSequence, cancellationToken).ConfigureAwait(false);
        var source = options?.FromSequence is { } sequence ? $"of process {id} (history entry {sequence})" : $"of process {id}";
        var (snapshot, sections) = CheckpointEnvelope.Read(checkpoint.Data, source);
        if (options?.FromSequence is null && ProcessRetry.Applies(options, snapshot))
        {
            snapshot = await RewriteForRetryAsync(checkpoint, snapshot, sections, lease, cancellationToken).ConfigureAwait(false);
        }

        var execution = Registry.Get(snapshot.Name).CreateAdapter().Restore(this, snapshot, sections);
        if (snapshot.State.IsTerminal())
        {
            return execution;
        }

        // The bytes passed their checksum, but the values must still pass the ports' rules: a
        // hand-edited or foreign checkpoint must not run a step with inputs no launch would accept.
        if (execution.ValidateRestoredInputs() is { Count: > 0 } errors)
        {
            throw new CheckpointCorruptedException(
                source,
                CheckpointCorruptionKind.InvalidInputs,
                new PortValidationException(snapshot.Name, errors).Message);
        }

        if (options?.FromSequence is not null)
        {
            // The chosen checkpoint becomes the latest, under this runtime's lease.
            var info = checkpoint.Info with { SavedAt = TimeProvider.GetUtcNow() };
            await Store.SaveAsync(new Checkpoint(info, checkpoint.Data) { FencingToken = lease.FencingToken }, cancellationToken).ConfigureAwait(false);
        }

        // Children the store holds for this process that its checkpoint does not name were
        // launched by the step that was interrupted; its rerun claims them by their derived ids.
        var known = new HashSet<ProcessId>();
        foreach (var child in snapshot.Children)
        {
            known.Add(child.Id);
        }

        HashSet<ProcessId>? replay = null;
        foreach (var info in await Store.ListAsync(CheckpointQuery.ForParent(id), cancellationToken).ConfigureAwait(false))
        {
            if (!known.Contains(info.Id))
            {
                (replay ??= new HashSet<ProcessId>()).Add(info.Id);
            }
        }

        if (replay is not null)
        {
            execution.SetReplayChildren(replay);
        }

        return execution;
    }

    private async ValueTask<Checkpoint> LoadCheckpointAsync(ProcessId id, long? fromSequence, CancellationToken cancellationToken)
    {
        if (fromSequence is not { } sequence)
        {
            return await Store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CheckpointNotFoundException(id);
        }

        if (Store is not ICheckpointHistory history)
        {
            throw new NotSupportedException(
                $"Continuing process {id} from checkpoint {sequence} needs a store that keeps history ({nameof(ICheckpointHistory)}), such as the SQLite store.");
        }

        return await history.LoadHistoryAsync(id, sequence, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointNotFoundException(id, sequence);
    }

    private async ValueTask ReleaseQuietlyAsync(ProcessLease lease)
    {
        try
        {
            await Store.ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.LeaseReleaseFailed(LoggerFor("Runtime"), exception, "process", lease.Id);
        }
    }
}
