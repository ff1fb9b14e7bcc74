using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// External events (kept by an <see cref="EventInbox"/>): the wait a step asks for, waiting for
/// it between steps, and raising one. The inbox is checkpointed, so an event raised while the
/// process was stopped is delivered when it continues, and a wait resumed anywhere keeps its
/// original deadline.
/// </summary>
internal abstract partial class ProcessExecution
{
    /// <summary>The inbox, created on first use; the caller holds the lock.</summary>
    private EventInbox EventsLocked()
    {
        var seldom = Seldom;
        if (seldom.Events is null)
        {
            Volatile.Write(ref seldom.Events, new EventInbox());
        }

        return seldom.Events!;
    }

    /// <summary>The inbox, or null before the first event or wait; read without the lock (see <see cref="EventInbox"/>).</summary>
    private EventInbox? Events => Volatile.Read(ref _seldom) is { } seldom ? Volatile.Read(ref seldom.Events) : null;

    /// <summary>True while the process waits for an event before its next step.</summary>
    /// <remarks>Read on every step without taking the lock (see <see cref="EventInbox.HasAwaited"/>).</remarks>
    protected bool HasAwaitedEvents => Events is { HasAwaited: true };

    void IProcessContextHost.WaitForEvent(string eventName, DateTimeOffset? deadline)
    {
        ProcessEventPayload.CheckName(eventName);
        if (!_stepRunning || Descriptor.Kind != ProcessKind.Process)
        {
            throw new InvalidOperationException("Only a running process step can wait for an event.");
        }

        lock (this)
        {
            EventsLocked().Request(eventName, deadline);
        }
    }

    /// <summary>Forgets what a step asked for (it failed, or is about to run again).</summary>
    protected void ClearRequestedEventWait()
    {
        if (Events is not { HasRequest: true } events)
        {
            return;
        }

        lock (this)
        {
            events.ClearRequest();
        }
    }

    /// <summary>After a step returned: the events it asked for become the wait in force.</summary>
    protected void CommitRequestedEventWait()
    {
        if (Events is not { HasRequest: true } events)
        {
            return;
        }

        lock (this)
        {
            events.CommitRequest();
        }
    }

    bool IProcessContextHost.TryGetEvent(string eventName, out ProcessEventRecord? record)
    {
        ProcessEventPayload.CheckName(eventName);
        lock (this)
        {
            if (Events is { } events)
            {
                return events.TryGetReceived(eventName, out record);
            }
        }

        record = null;
        return false;
    }

    /// <summary>
    /// After the step that asked: waits (state Waiting, no thread held) until one of the awaited
    /// events is in the inbox or the deadline passes, then takes that event. False when the
    /// process must not go on.
    /// </summary>
    protected async ValueTask<bool> WaitForEventsAsync()
    {
        if (State == ProcessState.Running && !TryTransition(ProcessState.Waiting))
        {
            return false;
        }

        while (true)
        {
            Task arrived;
            DateTimeOffset? deadline;
            lock (this)
            {
                var events = EventsLocked();
                if (events.TryTakeAwaited())
                {
                    return true;
                }

                deadline = events.Deadline;
                if (deadline is { } due && due <= Runtime.TimeProvider.GetUtcNow())
                {
                    // Timed out: the next step runs and finds none of the awaited events.
                    events.EndWait();
                    return true;
                }

                arrived = events.NextArrival;
            }

            await WaitForArrivalAsync(arrived, deadline).ConfigureAwait(false);
        }
    }

    private async ValueTask WaitForArrivalAsync(Task arrived, DateTimeOffset? deadline)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var timeout = deadline is { } due
            ? DurableDelay.UntilAsync(Runtime.TimeProvider, due, stop.Token).AsTask()
            : Task.Delay(Timeout.Infinite, stop.Token);
        await Task.WhenAny(arrived, timeout).ConfigureAwait(false);
        stop.Cancel();
        CancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Puts a raised event into the inbox and stores it (a checkpoint, before the caller hears
    /// back), then wakes a wait that names it. A terminated process or a task rejects it.
    /// </summary>
    public async ValueTask<ProcessEventResult> RaiseEventAsync(ProcessEventRecord record)
    {
        bool awaited;
        TaskCompletionSource? wake;
        lock (this)
        {
            if (_state.IsTerminal())
            {
                return Rejected(_state, $"process {Name} ({Id}) has terminated ({_state}); nothing will read event '{record.Name}'.");
            }

            if (Descriptor.Kind != ProcessKind.Process)
            {
                return Rejected(_state, $"{Name} ({Id}) is a task; only processes wait for events.");
            }

            (awaited, wake) = EventsLocked().Add(record);
        }

        try
        {
            await SaveCheckpointAsync().ConfigureAwait(false);
            if (IsDetached)
            {
                // Detached before or during this save (a failed save of its own or of another
                // path, a lost lease, a stop): the event is not stored, and the caller learns why.
                throw DetachReason switch
                {
                    CheckpointSaveFailedException saveFailed => saveFailed,
                    { } reason => new CheckpointSaveFailedException(Id, Name, attempts: 1, reason),
                    null => new ProcessRuntimeStoppedException(Id, Name),
                };
            }
        }
        catch
        {
            // Not stored: take it back unless a wait already took it (then the process has it).
            lock (this)
            {
                Events?.Remove(record);
            }

            wake?.TrySetResult();
            throw;
        }

        wake?.TrySetResult();
        var state = State;
        return awaited
            ? new ProcessEventResult(ProcessEventOutcome.Delivered, state, $"{Name} ({Id}) was waiting for event '{record.Name}' and goes on.")
            : new ProcessEventResult(ProcessEventOutcome.Buffered, state, $"{Name} ({Id}) is not waiting for event '{record.Name}' now; it is kept until a step waits for it.");
    }

    private static ProcessEventResult Rejected(ProcessState state, string message) =>
        new(ProcessEventOutcome.Rejected, state, message);
}
