using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// The external events of one process: the inbox of raised events no wait has taken (oldest
/// first), the wait in force, the wait the running step asked for, and the payloads that waits
/// took. A wait takes the oldest inbox event it names and moves it to the received list, where
/// later steps read it. All of it is checkpointed (<see cref="WriteTo"/>).
/// </summary>
/// <remarks>
/// Not thread-safe: its execution calls every member under its own gate, except
/// <see cref="HasAwaited"/> and <see cref="HasRequest"/>, which the step loop reads without it.
/// Created on first use: most processes never wait for an event.
/// </remarks>
internal sealed class EventInbox
{
    private List<ProcessEventRecord>? _inbox;
    private List<ProcessEventRecord>? _received;
    private string[] _awaited = Array.Empty<string>();
    private DateTimeOffset? _deadline;
    // What the running step asked for; it becomes the wait in force only once the step has
    // returned, so a checkpoint taken during the step never records a wait the rerun would repeat.
    private List<string>? _requested;
    private DateTimeOffset? _requestedDeadline;
    private TaskCompletionSource? _arrived;

    /// <summary>The event state a checkpoint holds, or null when it holds none.</summary>
    public static EventInbox? Restore(in ProcessSnapshot snapshot)
    {
        if (snapshot.Inbox.Count == 0 && snapshot.ReceivedEvents.Count == 0 && snapshot.AwaitedEvents.Count == 0)
        {
            return null;
        }

        return new EventInbox
        {
            _inbox = snapshot.Inbox.Count == 0 ? null : new List<ProcessEventRecord>(snapshot.Inbox),
            _received = snapshot.ReceivedEvents.Count == 0 ? null : new List<ProcessEventRecord>(snapshot.ReceivedEvents),
            _awaited = snapshot.AwaitedEvents.Count == 0 ? Array.Empty<string>() : [.. snapshot.AwaitedEvents],
            _deadline = snapshot.EventDeadline,
        };
    }

    /// <summary>True while the process waits for an event before its next step.</summary>
    /// <remarks>A volatile read of the array reference (the array is replaced, never changed).</remarks>
    public bool HasAwaited => Volatile.Read(ref _awaited).Length > 0;

    /// <summary>True when the running step asked to wait for an event.</summary>
    public bool HasRequest => Volatile.Read(ref _requested) is not null;

    /// <summary>When the wait in force times out (null: never, or no wait).</summary>
    public DateTimeOffset? Deadline => _deadline;

    /// <summary>Copies the event state into a checkpoint's snapshot.</summary>
    public ProcessSnapshot WriteTo(ProcessSnapshot snapshot)
    {
        if (_inbox is null && _received is null && _awaited.Length == 0)
        {
            return snapshot;
        }

        return snapshot with
        {
            Inbox = _inbox is { Count: > 0 } inbox ? inbox.ToArray() : Array.Empty<ProcessEventRecord>(),
            AwaitedEvents = _awaited,
            EventDeadline = _deadline,
            ReceivedEvents = _received is { Count: > 0 } received ? received.ToArray() : Array.Empty<ProcessEventRecord>(),
        };
    }

    /// <summary>The running step asks to wait for <paramref name="eventName"/> (the earliest deadline asked for wins).</summary>
    public void Request(string eventName, DateTimeOffset? deadline)
    {
        _requested ??= new List<string>();
        if (!_requested.Contains(eventName))
        {
            _requested.Add(eventName);
        }

        if (deadline is { } due && (_requestedDeadline is not { } earlier || due < earlier))
        {
            _requestedDeadline = due;
        }
    }

    /// <summary>Forgets what a step asked for (it failed, or is about to run again).</summary>
    public void ClearRequest()
    {
        _requested = null;
        _requestedDeadline = null;
    }

    /// <summary>
    /// After a step returned: the events it asked for become the wait in force, and what earlier
    /// waits received under those names is forgotten (the next step reads this wait's outcome).
    /// </summary>
    public void CommitRequest()
    {
        if (_requested is null)
        {
            return;
        }

        var awaited = _requested.ToArray();
        Volatile.Write(ref _awaited, awaited);
        _deadline = _requestedDeadline;
        _received?.RemoveAll(record => Array.IndexOf(awaited, record.Name) >= 0);
        _requested = null;
        _requestedDeadline = null;
    }

    /// <summary>The payload an earlier wait took under <paramref name="eventName"/>.</summary>
    public bool TryGetReceived(string eventName, out ProcessEventRecord? record)
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

        record = null;
        return false;
    }

    /// <summary>Takes the oldest inbox event the wait in force names, which ends the wait.</summary>
    public bool TryTakeAwaited()
    {
        if (_inbox is null)
        {
            return false;
        }

        for (var i = 0; i < _inbox.Count; i++)
        {
            var record = _inbox[i];
            if (Array.IndexOf(_awaited, record.Name) < 0)
            {
                continue;
            }

            _inbox.RemoveAt(i);
            (_received ??= new List<ProcessEventRecord>()).RemoveAll(old => old.Name == record.Name);
            _received.Add(record);
            EndWait();
            return true;
        }

        return false;
    }

    /// <summary>Ends the wait in force without an event (its deadline passed).</summary>
    public void EndWait()
    {
        Volatile.Write(ref _awaited, Array.Empty<string>());
        _deadline = null;
    }

    /// <summary>Completes when the next event is added (see <see cref="Add"/>).</summary>
    public Task NextArrival => (_arrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Adds a raised event. Returns whether the wait in force names it, and the signal the caller
    /// completes (outside the gate) to wake that wait.
    /// </summary>
    public (bool Awaited, TaskCompletionSource? Wake) Add(ProcessEventRecord record)
    {
        (_inbox ??= new List<ProcessEventRecord>()).Add(record);
        var wake = _arrived;
        _arrived = null;
        return (Array.IndexOf(_awaited, record.Name) >= 0, wake);
    }

    /// <summary>Takes back an event that could not be stored (unless a wait already took it).</summary>
    public void Remove(ProcessEventRecord record) => _inbox?.Remove(record);
}
