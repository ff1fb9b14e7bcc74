using System;

namespace Processes;

/// <summary>A process moved from one state to another.</summary>
public sealed class ProcessStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public ProcessStateChangedEventArgs(ProcessId processId, string processName, ProcessState from, ProcessState to, DateTimeOffset timestamp)
    {
        ProcessId = processId;
        ProcessName = processName;
        From = from;
        To = to;
        Timestamp = timestamp;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>The process type name.</summary>
    public string ProcessName { get; }

    /// <summary>The previous state.</summary>
    public ProcessState From { get; }

    /// <summary>The new state.</summary>
    public ProcessState To { get; }

    /// <summary>When the change happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ProcessName} {ProcessId}: {From} → {To}";
}
