using System;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.RabbitMQ.Messages;

/// <summary>
/// A control call: by process id (wait, status, pause, play, kill) on the control exchange, or to
/// every worker (pause, play, kill all; list) on the broadcast exchange. For a wait,
/// <see cref="LongPoll"/> is how long the owner may hold the call before answering "still running".
/// </summary>
internal sealed record ControlRequest(string Kind, ProcessId Id, string? Message, bool Force, TimeSpan LongPoll)
{
    /// <summary>A raised event's payload type (null: a signal); RaiseEvent requests only, whose <see cref="Message"/> is the event's name.</summary>
    public string? PayloadType { get; init; }

    /// <summary>A raised event's serialized payload (UTF-8 JSON for <see cref="MessageKind.RaiseEventJson"/>); raise requests only.</summary>
    public byte[] Payload { get; init; } = Array.Empty<byte>();

    public static byte[] Encode(ControlRequest request)
    {
        using var writer = new ProcessWriter();
        WireCodec.WriteId(writer, request.Id);
        writer.WriteString(request.Message);
        writer.WriteBoolean(request.Force);
        writer.WriteTimeSpan(request.LongPoll);
        if (MessageKind.IsRaiseEvent(request.Kind))
        {
            writer.WriteString(request.PayloadType);
            writer.WriteBytes(request.Payload);
        }

        return writer.ToArray();
    }

    public static ControlRequest Decode(string kind, ReadOnlySpan<byte> body)
    {
        var reader = new ProcessReader(body);
        var id = WireCodec.ReadId(ref reader);
        var message = reader.ReadString();
        var force = reader.ReadBoolean();
        var longPoll = reader.ReadTimeSpan();
        string? payloadType = null;
        var payload = Array.Empty<byte>();
        if (MessageKind.IsRaiseEvent(kind))
        {
            payloadType = reader.ReadString();
            payload = reader.ReadBytes() ?? Array.Empty<byte>();
        }

        reader.EnsureAtEnd();
        return new ControlRequest(kind, id, message, force, longPoll) { PayloadType = payloadType, Payload = payload };
    }
}
