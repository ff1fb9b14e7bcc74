using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// External events: the inbox of raised events, the wait a step asked for, and the payloads that
/// waits took. All three are checkpointed, so an event raised while the process was stopped is
/// delivered when it continues, and a wait resumed anywhere keeps its original deadline.
/// </summary>
internal abstract partial class ProcessExecution
{
    // Guarded by _gate. The inbox holds raised events no wait has taken (oldest first); a wait
    // takes the oldest event it names and moves it to _received, where later steps read it.
    private List<ProcessEventRecord>? _inbox;
    private List<ProcessEventRecord>? _received;
    private string[] _awaitedEvents = Array.Empty<string>();
    private DateTimeOffset? _eventDeadline;
    // What the running step asked for; it becomes the wait in force only once the step has
    // returned, so a checkpoint taken during the step never records a wait the rerun would repeat.
    private List<string>? _requestedEvents;
    private DateTimeOffset? _requestedDeadline;
    private TaskCompletionSource? _eventArrived;

    /// <summary>True while the process waits for an event before its next step.</summary>
    /// <remarks>Read on every step: a volatile read of the array reference instead of taking _gate (the array is replaced, never changed).</remarks>
    protected bool HasAwaitedEvents => Volatile.Read(ref _awaitedEvents).Length > 0;

    private void RestoreEvents(in ProcessSnapshot snapshot)
    {
        _inbox = snapshot.Inbox.Count == 0 ? null : new List<ProcessEventRecord>(snapshot.Inbox);
        _received = snapshot.ReceivedEvents.Count == 0 ? null : new List<ProcessEventRecord>(snapshot.ReceivedEvents);
        _awaitedEvents = snapshot.AwaitedEvents.Count == 0 ? Array.Empty<string>() : [.. snapshot.AwaitedEvents];
        _eventDeadline = snapshot.EventDeadline;
    }

    /// <summary>Copies the event state into a snapshot; the caller holds _gate.</summary>
    private ProcessSnapshot WithEventsLocked(ProcessSnapshot snapshot)
    {
        if (_inbox is null && _received is null && _awaitedEvents.Length == 0)
        {
            return snapshot;
        }

        return snapshot with
        {
            Inbox = _inbox is { Count: > 0 } inbox ? inbox.ToArray() : Array.Empty<ProcessEventRecord>(),
            AwaitedEvents = _awaitedEvents,
            EventDeadline = _eventDeadline,
            ReceivedEvents = _received is { Count: > 0 } received ? received.ToArray() : Array.Empty<ProcessEventRecord>(),
        };
    }

    void IProcessContextHost.WaitForEvent(string eventName, DateTimeOffset? deadline)
    {
        ProcessEventPayload.CheckName(eventName);
        if (!_stepRunning || Descriptor.Kind != ProcessKind.Process)
        {
            throw new InvalidOperationException("Only a running process step can wait for an event.");
        }

        lock (_gate)
        {
            _requestedEvents ??= new List<string>();
            if (!_requestedEvents.Contains(eventName))
            {
                _requestedEvents.Add(eventName);
            }

            if (deadline is { } due && (_requestedDeadline is not { } earlier || due < earlier))
            {
                _requestedDeadline = due;
            }
        }
    }

    /// <summary>Forgets what a step asked for (it failed, or is about to run again).</summary>
    protected void ClearRequestedEventWait()
    {
        if (Volatile.Read(ref _requestedEvents) is null)
        {
            return;
        }

        lock (_gate)
        {
            _requestedEvents = null;
            _requestedDeadline = null;
        }
    }

    /// <summary>
    /// After a step returned: the events it asked for become the wait in force, and what earlier
    /// waits received under those names is forgotten (the next step reads this wait's outcome).
    /// </summary>
    protected void CommitRequestedEventWait()
    {
        if (Volatile.Read(ref _requestedEvents) is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_requestedEvents is null)
            {
                return;
            }

            _awaitedEvents = _requestedEvents.ToArray();
            _eventDeadline = _requestedDeadline;
            _received?.RemoveAll(record => Array.IndexOf(_awaitedEvents, record.Name) >= 0);
            _requestedEvents = null;
            _requestedDeadline = null;
        }
    }

    bool IProcessContextHost.TryGetEvent(string eventName, out ProcessEventRecord? record)
    {
        ProcessEventPayload.CheckName(eventName);
        lock (_gate)
        {
            if (_received is not null)
            {
                foreach (var candidate in _received)
                {
                    if (candidate.Name == eventName)
                    {
                        record = candidate;
                        return true;
                    }
                }
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
            lock (_gate)
            {
                if (TryTakeAwaitedEventLocked())
                {
                    return true;
                }

                deadline = _eventDeadline;
                if (deadline is { } due && due <= Runtime.TimeProvider.GetUtcNow())
                {
                    // Timed out: the next step runs and finds none of the awaited events.
                    _awaitedEvents = Array.Empty<string>();
                    _eventDeadline = null;
                    return true;
                }

                _eventArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived = _eventArrived.Task;
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

    /// <summary>Takes the oldest inbox event the wait names; the caller holds _gate.</summary>
    private bool TryTakeAwaitedEventLocked()
    {
        if (_inbox is null)
        {
            return false;
        }

        for (var i = 0; i < _inbox.Count; i++)
        {
            var record = _inbox[i];
            if (Array.IndexOf(_awaitedEvents, record.Name) < 0)
            {
                continue;
            }

            _inbox.RemoveAt(i);
            (_received ??= new List<ProcessEventRecord>()).RemoveAll(old => old.Name == record.Name);
            _received.Add(record);
            _awaitedEvents = Array.Empty<string>();
            _eventDeadline = null;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Puts a raised event into the inbox and stores it (a checkpoint, before the caller hears
    /// back), then wakes a wait that names it. A terminated process or a task rejects it.
    /// </summary>
    public async ValueTask<ProcessEventResult> RaiseEventAsync(ProcessEventRecord record)
    {
        bool awaited;
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (_state.IsTerminal())
            {
                return Rejected(_state, $"process {Name} ({Id}) has terminated ({_state}); nothing will read event '{record.Name}'.");
            }

            if (Descriptor.Kind != ProcessKind.Process)
            {
                return Rejected(_state, $"{Name} ({Id}) is a task; only processes wait for events.");
            }

            (_inbox ??= new List<ProcessEventRecord>()).Add(record);
            awaited = Array.IndexOf(_awaitedEvents, record.Name) >= 0;
            wake = _eventArrived;
            _eventArrived = null;
        }

        try
        {
            await SaveCheckpointAsync().ConfigureAwait(false);
            if (IsDetached)
            {
                throw new ProcessRuntimeStoppedException(Id, Name);
            }
        }
        catch
        {
            // Not stored: take it back unless a wait already took it (then the process has it).
            lock (_gate)
            {
                _inbox?.Remove(record);
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
