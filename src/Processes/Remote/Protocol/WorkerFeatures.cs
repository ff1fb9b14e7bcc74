using System;

namespace Processes.Remote.Protocol;

/// <summary>
/// What a worker understands beyond protocol version 1, sent as the Welcome frame's one payload
/// byte. A version-1 worker sends an empty Welcome (no features) and a version-1 client never reads
/// it, so old and new ends keep talking; a client uses a feature only when the worker named it.
/// Values are wire constants.
/// </summary>
[Flags]
internal enum WorkerFeatures : byte
{
    /// <summary>Nothing beyond version 1 (an empty Welcome payload).</summary>
    None = 0,

    /// <summary>Requests may carry W3C trace context (<see cref="FrameFlags.TraceContext"/>).</summary>
    TraceContext = 1,

    /// <summary>The worker serves shared states (<see cref="FrameType.SharedStateGet"/> to <see cref="FrameType.SharedStateWait"/>).</summary>
    SharedStates = 2,

    /// <summary>Status and list replies carry status details when asked (<see cref="FrameFlags.StatusDetails"/>).</summary>
    StatusDetails = 4,

    /// <summary>The worker streams state changes (<see cref="FrameType.Watch"/>).</summary>
    Watch = 8,

    /// <summary>The worker queues runs in a connection's run slots (<see cref="FrameType.RunSlots"/>, <see cref="FrameFlags.Queued"/>).</summary>
    RunQueue = 16,

    /// <summary>RaiseEvent may carry a JSON payload (<see cref="FrameFlags.JsonPayload"/>).</summary>
    JsonEventPayloads = 32,

    /// <summary>The worker runs declared shared state operations sent by name (<see cref="FrameType.SharedStateApply"/>).</summary>
    SharedStateOperations = 64,

    /// <summary>What this version's worker understands.</summary>
    All = TraceContext | SharedStates | StatusDetails | Watch | RunQueue | JsonEventPayloads | SharedStateOperations,
}
