using System;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>One parsed request frame: the payload copied out of the pooled frame buffer, every field checked.</summary>
internal sealed class WorkerRequest
{
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

    public string ProcessName { get; private set; } = string.Empty;

    public byte[] Inputs { get; private set; } = Array.Empty<byte>();

    public LaunchOptions? LaunchOptions { get; private set; }

    public ProcessId Id { get; private set; }

    public string? Message { get; private set; }

    public bool Force { get; private set; }

    public static bool IsRequest(FrameType type) => type is >= FrameType.Launch and <= FrameType.KillAll;

    /// <summary>Parses a request frame; any malformed byte throws <see cref="RemoteProtocolException"/>.</summary>
    public static WorkerRequest Parse(Frame frame)
    {
        var request = new WorkerRequest(frame.Type, frame.Flags, frame.CorrelationId);
        var reader = new ProcessReader(frame.Payload);
        try
        {
            switch (frame.Type)
            {
                case FrameType.Launch:
                    request.ProcessName = WireCodec.ReadRequiredString(ref reader, "process name");
                    request.Inputs = reader.ReadBytes() ?? throw new ProcessSerializationException("The inputs are missing.", reader.Offset);
                    request.LaunchOptions = WireCodec.ReadLaunchOptions(ref reader);
                    break;
                case FrameType.Continue or FrameType.Wait or FrameType.Play or FrameType.Status:
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
                default:
                    throw new RemoteProtocolException($"Frame type {(byte)frame.Type} is not a request.");
            }

            reader.EnsureAtEnd();
        }
        catch (ProcessSerializationException exception)
        {
            throw new RemoteProtocolException($"The payload of a {frame.Type} request is malformed: {exception.Message}", exception);
        }

        return request;
    }
}
