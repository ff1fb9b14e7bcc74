using System;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>
/// One parsed request frame, every field checked. A launch keeps its frame: <see cref="Inputs"/>
/// is the inputs section where it arrived, in the frame's pooled buffer, until
/// <see cref="ReleaseInputs"/> returns the buffer (once the process has read its inputs, or when
/// the call ends). Other requests copy their few fields out and return the buffer at once.
/// </summary>
internal sealed class WorkerRequest
{
    private Frame? _inputsFrame;

    private WorkerRequest(FrameType type, FrameFlags flags, long correlationId)
    {
        Type = type;
        Flags = flags;
        CorrelationId = correlationId;
    }

    public FrameType Type { get; }

    public FrameFlags Flags { get; }

    public long CorrelationId { get; }

    public bool NoReply => (Flags & FrameFlags.NoReply) != 0;

    public bool Subscribe => (Flags & FrameFlags.Subscribe) != 0;

    public bool WaitForOutputs => (Flags & FrameFlags.WaitForOutputs) != 0;

    /// <summary>Whether the caller reads status details (<see cref="FrameFlags.StatusDetails"/>) in a status or list reply.</summary>
    public bool StatusDetails => (Flags & FrameFlags.StatusDetails) != 0;

    /// <summary>Whether a run waits in the connection's run slots (<see cref="FrameFlags.Queued"/>).</summary>
    public bool Queued => (Flags & FrameFlags.Queued) != 0;

    /// <summary>The slot count of a <see cref="FrameType.RunSlots"/> request.</summary>
    public int RunSlots { get; private set; }

    /// <summary>Whether a RaiseEvent's payload is JSON (<see cref="FrameFlags.JsonPayload"/>).</summary>
    public bool JsonPayload => (Flags & FrameFlags.JsonPayload) != 0;

    /// <summary>The caller's W3C <c>traceparent</c>, when the request carried trace context.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>The caller's W3C <c>tracestate</c>, when the request carried one.</summary>
    public string? TraceState { get; private set; }

    public string ProcessName { get; private set; } = string.Empty;

    /// <summary>The serialized inputs section of a launch; valid until <see cref="ReleaseInputs"/>.</summary>
    public ReadOnlyMemory<byte> Inputs { get; private set; }

    public LaunchOptions? LaunchOptions { get; private set; }

    public ProcessId Id { get; private set; }

    /// <summary>The process a <see cref="FrameType.Watch"/> follows; null for every process.</summary>
    public ProcessId? WatchedId { get; private set; }

    /// <summary>Whether a <see cref="FrameType.Watch"/> of one process starts with its current status.</summary>
    public bool WatchFromCurrent { get; private set; }

    /// <summary>The options of a Continue request; null for the defaults (and for every other request).</summary>
    public ContinueOptions? ContinueOptions { get; private set; }

    public string? Message { get; private set; }

    public bool Force { get; private set; }

    /// <summary>The name of a raised event (RaiseEvent requests).</summary>
    public string EventName { get; private set; } = string.Empty;

    /// <summary>The full type name of a raised event's payload; null for a signal without payload.</summary>
    public string? EventPayloadType { get; private set; }

    /// <summary>A raised event's serialized payload, copied out of the frame.</summary>
    public byte[] EventPayload { get; private set; } = Array.Empty<byte>();

    /// <summary>The fields of a shared state request (SharedStateGet, SharedStateReplace, SharedStateWait, SharedStateApply).</summary>
    public SharedStateRequest? SharedState { get; private set; }

    public static bool IsRequest(FrameType type) =>
        type is (>= FrameType.Launch and <= FrameType.KillAll) or (>= FrameType.RaiseEvent and <= FrameType.SharedStateApply);

    /// <summary>
    /// Parses a request frame and takes ownership of it (a launch keeps it for its inputs; see
    /// <see cref="ReleaseInputs"/>). Any malformed byte throws <see cref="RemoteProtocolException"/>,
    /// after the frame's buffer has been returned.
    /// </summary>
    public static WorkerRequest Parse(Frame frame, RecentStrings processNames)
    {
        var request = new WorkerRequest(frame.Type, frame.Flags, frame.CorrelationId);
        var payload = frame.PayloadMemory;
        var reader = new ProcessReader(payload.Span);
        try
        {
            if ((frame.Flags & FrameFlags.TraceContext) != 0)
            {
                (request.TraceParent, request.TraceState) = WireTraceContext.Read(ref reader);
            }

            switch (frame.Type)
            {
                case FrameType.Launch:
                    request.ProcessName = processNames.ReadRequired(ref reader, "process name");
                    var inputsLength = reader.ReadInt32();
                    if (inputsLength < 0)
                    {
                        throw new ProcessSerializationException("The inputs are missing.", reader.Offset - 4);
                    }

                    var inputsStart = reader.Offset;
                    reader.Skip(inputsLength);
                    request.Inputs = payload.Slice(inputsStart, inputsLength);
                    request.LaunchOptions = WireCodec.ReadLaunchOptions(ref reader);
                    break;
                case FrameType.Continue:
                    request.Id = WireCodec.ReadId(ref reader);
                    request.ContinueOptions = WireCodec.ReadContinueOptions(ref reader);
                    break;
                case FrameType.Wait or FrameType.Play or FrameType.Status:
                    request.Id = WireCodec.ReadId(ref reader);
                    break;
                case FrameType.Pause:
                    request.Id = WireCodec.ReadId(ref reader);
                    request.Message = reader.ReadString();
                    break;
                case FrameType.Kill:
                    request.Id = WireCodec.ReadId(ref reader);
                    request.Message = reader.ReadString();
                    request.Force = reader.ReadBoolean();
                    break;
                case FrameType.PauseAll or FrameType.KillAll:
                    request.Message = reader.ReadString();
                    break;
                case FrameType.List or FrameType.PlayAll:
                    break;
                case FrameType.RaiseEvent:
                    request.Id = WireCodec.ReadId(ref reader);
                    var nameOffset = reader.Offset;
                    request.EventName = reader.ReadString() is { Length: > 0 } eventName && !string.IsNullOrWhiteSpace(eventName)
                        ? eventName
                        : throw new ProcessSerializationException("The event name is missing.", nameOffset);
                    request.EventPayloadType = reader.ReadString();
                    request.EventPayload = reader.ReadBytes() ?? Array.Empty<byte>();
                    break;
                case FrameType.SharedStateGet or FrameType.SharedStateReplace or FrameType.SharedStateWait or FrameType.SharedStateApply:
                    request.SharedState = SharedStateRequest.Read(frame.Type, ref reader);
                    break;
                case FrameType.Watch:
                    request.WatchedId = WireCodec.ReadOptionalId(ref reader);
                    request.WatchFromCurrent = reader.ReadBoolean();
                    break;
                case FrameType.RunSlots:
                    var slotsOffset = reader.Offset;
                    var slots = reader.ReadInt32();
                    request.RunSlots = slots >= 1
                        ? slots
                        : throw new ProcessSerializationException($"A connection needs at least one run slot, not {slots}.", slotsOffset);
                    break;
                default:
                    throw new RemoteProtocolException($"Frame type {(byte)frame.Type} is not a request.");
            }

            reader.EnsureAtEnd();
            if (request.Queued && !(frame.Type == FrameType.Launch && request.WaitForOutputs))
            {
                throw new ProcessSerializationException("Only a run (a launch that waits for its outputs) can be queued.", 0);
            }
        }
        catch (ProcessSerializationException exception)
        {
            frame.Dispose();
            throw new RemoteProtocolException($"The payload of a {frame.Type} request is malformed: {exception.Message}", exception);
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        if (frame.Type == FrameType.Launch)
        {
            request._inputsFrame = frame;
        }
        else
        {
            frame.Dispose();
        }

        return request;
    }

    /// <summary>Returns the launch frame's buffer to the pool; <see cref="Inputs"/> must not be read afterwards. Idempotent.</summary>
    public void ReleaseInputs()
    {
        Inputs = default;
        _inputsFrame?.Dispose();
    }
}
