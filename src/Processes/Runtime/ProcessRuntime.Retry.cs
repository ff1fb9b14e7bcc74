using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Runtime;

namespace Processes;

/// <summary>Retrying a failed process by id (<see cref="ContinueOptions.RetryExcepted"/>): its checkpoint, and its failed children's, made runnable again.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Rewrites the Excepted checkpoint of a process whose lease this runtime holds as a runnable
    /// one (its data sections as they are: the last good data), after doing the same to every
    /// child it was waiting for that failed or was killed with it.
    /// </summary>
    private async ValueTask<ProcessSnapshot> RewriteForRetryAsync(
        Checkpoint checkpoint, ProcessSnapshot snapshot, CheckpointEnvelope.Sections sections, ProcessLease lease, CancellationToken cancellationToken)
    {
        await RetryAwaitedChildrenAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var reset = ProcessRetry.Reset(snapshot);
        await SaveRewrittenAsync(checkpoint, reset, sections, lease.FencingToken, cancellationToken).ConfigureAwait(false);
        Log.RetryRequested(LoggerFor(snapshot.Name), snapshot.Name, snapshot.Id, snapshot.Error?.Message);
        return reset;
    }

    private async ValueTask RetryAwaitedChildrenAsync(ProcessSnapshot parent, CancellationToken cancellationToken)
    {
        foreach (var key in parent.AwaitedChildren)
        {
            foreach (var child in parent.Children)
            {
                if (child.Key == key)
                {
                    await RetryChildAsync(child.Id, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>A failed or killed child of a retried parent: made runnable under its own lease (the parent continues it when it waits for it).</summary>
    private async ValueTask RetryChildAsync(ProcessId id, CancellationToken cancellationToken)
    {
        // A sibling killed when the parent failed may still be ending here: its Killed checkpoint
        // must land before this one is rewritten, or it would overwrite the retry.
        if (_live.TryGetValue(id, out var ending))
        {
            await ending.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (await Store.LoadAsync(id, cancellationToken).ConfigureAwait(false) is not { } peeked
            || CheckpointEnvelope.Read(peeked.Data, $"of process {id}").Snapshot.State is not (ProcessState.Excepted or ProcessState.Killed))
        {
            return;
        }

        var lease = await AcquireLeaseAsync(id, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        try
        {
            var checkpoint = await Store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CheckpointNotFoundException(id);
            var (snapshot, sections) = CheckpointEnvelope.Read(checkpoint.Data, $"of process {id}");
            if (snapshot.State is not (ProcessState.Excepted or ProcessState.Killed))
            {
                return;
            }

            await RetryAwaitedChildrenAsync(snapshot, cancellationToken).ConfigureAwait(false);
            await SaveRewrittenAsync(checkpoint, ProcessRetry.Reset(snapshot), sections, lease.FencingToken, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseQuietlyAsync(lease).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a checkpoint's envelope rewritten around its own data sections (a retry's reset, an event added to the inbox), under the caller's lease.</summary>
    private async ValueTask SaveRewrittenAsync(
        Checkpoint checkpoint, ProcessSnapshot snapshot, CheckpointEnvelope.Sections sections, long? fencingToken, CancellationToken cancellationToken)
    {
        var writer = RentWriter();
        try
        {
            writer.Reset();
            CheckpointEnvelope.Write(writer, snapshot, sections);
            var info = checkpoint.Info with { State = snapshot.State, Paused = snapshot.Paused, SavedAt = TimeProvider.GetUtcNow() };
            await Store.SaveAsync(new Checkpoint(info, writer.ToArray()) { FencingToken = fencingToken }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReturnWriter(writer);
        }
    }
}
