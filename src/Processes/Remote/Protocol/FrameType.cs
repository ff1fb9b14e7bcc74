namespace Processes.Remote.Protocol;

/// <summary>What a frame carries. Values are wire constants: never renumber them.</summary>
internal enum FrameType : byte
{
    /// <summary>Worker to client, first frame: protocol version, whether a proof is required, the nonce.</summary>
    Hello = 1,

    /// <summary>Client to worker: HMAC-SHA256(secret, nonce), or null without a secret.</summary>
    Proof = 2,

    /// <summary>Worker to client: the connection is accepted; calls may start.</summary>
    Welcome = 3,

    /// <summary>Launch a process by name with serialized inputs; optionally wait for its outputs.</summary>
    Launch = 10,

    /// <summary>Continue a process from its checkpoint by id; optionally wait for its outputs.</summary>
    Continue = 11,

    /// <summary>Wait for a process by id and return its inputs and outputs.</summary>
    Wait = 12,

    /// <summary>Pause a process by id.</summary>
    Pause = 13,

    /// <summary>Play a process by id.</summary>
    Play = 14,

    /// <summary>Kill a process by id.</summary>
    Kill = 15,

    /// <summary>The status of a process by id.</summary>
    Status = 16,

    /// <summary>The status of every running process.</summary>
    List = 17,

    /// <summary>Pause every process.</summary>
    PauseAll = 18,

    /// <summary>Play every process.</summary>
    PlayAll = 19,

    /// <summary>Kill every process.</summary>
    KillAll = 20,

    /// <summary>Client to worker: stop the call with this frame's correlation id.</summary>
    Cancel = 21,

    /// <summary>Raises an external event: process id, event name, payload type name (null: none), payload bytes.</summary>
    RaiseEvent = 22,

    /// <summary>Reads a shared state: state name, key. Needs <see cref="WorkerFeatures.SharedStates"/>.</summary>
    SharedStateGet = 23,

    /// <summary>Replaces a shared state if it is still at the expected version (compare-and-set).</summary>
    SharedStateReplace = 24,

    /// <summary>Waits for a change of a shared state after a version (a watch).</summary>
    SharedStateWait = 25,

    /// <summary>
    /// Streams state changes: an optional process id (none: every process). The worker answers with
    /// a <see cref="StatusUpdate"/> frame per change until the client cancels the call. Needs
    /// <see cref="WorkerFeatures.Watch"/>.
    /// </summary>
    Watch = 26,

    /// <summary>
    /// Sets this connection's run slots: <c>int32 slots</c> (≥ 1). From then on, a run sent with
    /// <see cref="FrameFlags.Queued"/> waits on the worker, in arrival order, until fewer than that
    /// many of this connection's queued runs are running. Once per connection. Needs
    /// <see cref="WorkerFeatures.RunQueue"/>.
    /// </summary>
    RunSlots = 27,

    /// <summary>
    /// Runs a declared shared state operation on the worker: state name, key, writer, operation
    /// name, argument bytes. The reply is the version after it and the result bytes (empty for an
    /// operation that returns nothing). Needs <see cref="WorkerFeatures.SharedStateOperations"/>.
    /// </summary>
    SharedStateApply = 28,

    /// <summary>Worker to client: the call succeeded; the payload depends on the call.</summary>
    Result = 40,

    /// <summary>Worker to client: the call failed (or, with correlation id 0, the connection did).</summary>
    Error = 41,

    /// <summary>Worker to client: a subscribed process changed state; the payload is its status.</summary>
    StatusUpdate = 42,
}
