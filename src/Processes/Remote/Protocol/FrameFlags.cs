using System;

namespace Processes.Remote.Protocol;

/// <summary>Per-frame options of a request. Values are wire constants.</summary>
[Flags]
internal enum FrameFlags : byte
{
    /// <summary>No options.</summary>
    None = 0,

    /// <summary>Fire and forget: the worker sends no result or error frame for this call.</summary>
    NoReply = 1,

    /// <summary>Push a status frame on every state change of the call's process until the call ends.</summary>
    Subscribe = 2,

    /// <summary>For launch and continue: reply when the process terminates, with its outputs.</summary>
    WaitForOutputs = 4,

    /// <summary>
    /// The payload starts with W3C trace context (<see cref="WireTraceContext"/>). A client sets it
    /// only for a worker whose Welcome named <see cref="WorkerFeatures.TraceContext"/>.
    /// </summary>
    TraceContext = 8,

    /// <summary>
    /// For status and list: each status in the reply ends with the details added after version 1
    /// (the outputs emitted so far). A client sets it only for a worker whose Welcome named
    /// <see cref="WorkerFeatures.StatusDetails"/>.
    /// </summary>
    StatusDetails = 16,

    /// <summary>
    /// A run (a launch with <see cref="WaitForOutputs"/>) that waits in the connection's run slots
    /// (<see cref="FrameType.RunSlots"/>) before it starts: a pool sends runs ahead of free slots
    /// so a worker never idles between two of them.
    /// </summary>
    Queued = 32,

    /// <summary>
    /// For RaiseEvent: the payload bytes are a UTF-8 JSON object that the worker reads as the named
    /// payload type. A client sets it only for a worker whose Welcome named <see cref="WorkerFeatures.JsonEventPayloads"/>.
    /// </summary>
    JsonPayload = 64,

    /// <summary>Every flag this version understands; a frame with others is malformed.</summary>
    Known = NoReply | Subscribe | WaitForOutputs | TraceContext | StatusDetails | Queued | JsonPayload,
}
