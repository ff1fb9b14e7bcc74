using System;

namespace Processes;

/// <summary>A process emitted an output before its end (<see cref="ProcessContext.EmitOutput"/>); the value passed its port's rules.</summary>
public sealed class OutputEmittedEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public OutputEmittedEventArgs(ProcessId processId, string processName, string portName, object? value, DateTimeOffset timestamp)
    {
        ProcessId = processId;
        ProcessName = processName;
        PortName = portName;
        Value = value;
        Timestamp = timestamp;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its type name.</summary>
    public string ProcessName { get; }

    /// <summary>The output port's name (e.g. <c>partial_sum</c>).</summary>
    public string PortName { get; }

    /// <summary>The value emitted.</summary>
    public object? Value { get; }

    /// <summary>When it was emitted (the runtime's clock).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ProcessName} {ProcessId}: output {PortName} = {Value}";
}
