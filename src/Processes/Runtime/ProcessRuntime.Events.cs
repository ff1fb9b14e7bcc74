using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Ports;
using Processes.Runtime;

namespace Processes;

/// <summary>Raising external events: to a live process, or into the checkpoint of a stopped one.</summary>
public sealed partial class ProcessRuntime
{
    /// <inheritdoc />
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, CancellationToken cancellationToken = default)
    {
        ProcessEventPayload.CheckName(eventName);
        return RaiseEventCoreAsync(id, eventName, payloadType: null, Array.Empty<byte>(), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ProcessEventResult> RaiseEventAsync<TPayload>(ProcessId id, string eventName, TPayload payload, CancellationToken cancellationToken = default)
        where TPayload : IPortNamespace<TPayload>
    {
        ProcessEventPayload.CheckName(eventName);
        var bytes = ProcessEventPayload.Serialize(eventName, payload);
        return RaiseEventCoreAsync(id, eventName, ProcessEventPayload.TypeName<TPayload>(), bytes, cancellationToken);
    }

    /// <summary>Raises an event whose payload is already serialized (a remote client's, or none).</summary>
    internal async ValueTask<ProcessEventResult> RaiseEventCoreAsync(
        ProcessId id, string eventName, string? payloadType, byte[] payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var record = new ProcessEventRecord(eventName, payloadType, payload, TimeProvider.GetUtcNow());
        if (_live.TryGetValue(id, out var live))
        {
            return await live.RaiseEventAsync(record).ConfigureAwait(false);
        }

        ThrowIfStopped();
        var peeked = await Store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CheckpointNotFoundException(id);
        var (peekedSnapshot, _) = CheckpointEnvelope.Read(peeked.Data, $"of process {id}");
        if (RejectsEvents(peekedSnapshot, eventName) is { } rejected)
        {
            return rejected;
        }

        var lease = await AcquireLeaseAsync(id, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var leaseHeldByLiveProcess = false;
        try
        {
            ProcessExecution? continued;
            await _attachLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_live.TryGetValue(id, out continued))
                {
                    leaseHeldByLiveProcess = true; // continued meanwhile: its execution holds this same lease
                }
                else
                {
                    return await StoreEventAsync(id, record, lease, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _attachLock.Release();
            }

            return await continued.RaiseEventAsync(record).ConfigureAwait(false);
        }
        finally
        {
            if (!leaseHeldByLiveProcess)
            {
                await ReleaseQuietlyAsync(lease).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Appends the event to the inbox of a stored process, under its lease: the checkpoint read again, its data sections kept as they are.</summary>
    private async ValueTask<ProcessEventResult> StoreEventAsync(ProcessId id, ProcessEventRecord record, ProcessLease lease, CancellationToken cancellationToken)
    {
        var checkpoint = await Store.LoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CheckpointNotFoundException(id);
        var (snapshot, sections) = CheckpointEnvelope.Read(checkpoint.Data, $"of process {id}");
        if (RejectsEvents(snapshot, record.Name) is { } rejected)
        {
            return rejected;
        }

        var inbox = new ProcessEventRecord[snapshot.Inbox.Count + 1];
        for (var i = 0; i < snapshot.Inbox.Count; i++)
        {
            inbox[i] = snapshot.Inbox[i];
        }

        inbox[^1] = record;
        var updated = snapshot with { Inbox = inbox };
        await SaveRewrittenAsync(checkpoint, updated, sections, lease.FencingToken, cancellationToken).ConfigureAwait(false);

        var waiting = updated.AwaitedEvents.Contains(record.Name) ? "is waiting for it and " : string.Empty;
        return new ProcessEventResult(
            ProcessEventOutcome.Stored,
            snapshot.State,
            $"{snapshot.Name} ({id}) is not running here; event '{record.Name}' is stored in its checkpoint, and the process {waiting}receives it when continued.");
    }

    private ProcessEventResult? RejectsEvents(in ProcessSnapshot snapshot, string eventName)
    {
        if (snapshot.State.IsTerminal())
        {
            return new ProcessEventResult(
                ProcessEventOutcome.Rejected,
                snapshot.State,
                $"process {snapshot.Name} ({snapshot.Id}) has terminated ({snapshot.State}); nothing will read event '{eventName}'.");
        }

        return Registry.TryGet(snapshot.Name, out var descriptor) && descriptor.Kind != ProcessKind.Process
            ? new ProcessEventResult(ProcessEventOutcome.Rejected, snapshot.State, $"{snapshot.Name} ({snapshot.Id}) is a task; only processes wait for events.")
            : null;
    }
}
