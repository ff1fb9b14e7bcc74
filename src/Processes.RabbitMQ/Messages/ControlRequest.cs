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
    public static byte[] Encode(ControlRequest request)
    {
        using var writer = new ProcessWriter();
        WireCodec.WriteId(writer, request.Id);
        writer.WriteString(request.Message);
        writer.WriteBoolean(request.Force);
        writer.WriteTimeSpan(request.LongPoll);
        return writer.ToArray();
    }

    public static ControlRequest Decode(string kind, ReadOnlySpan<byte> body)
    {
        var reader = new ProcessReader(body);
        var id = WireCodec.ReadId(ref reader);
        var message = reader.ReadString();
        var force = reader.ReadBoolean();
        var longPoll = reader.ReadTimeSpan();
        reader.EnsureAtEnd();
        return new ControlRequest(kind, id, message, force, longPoll);
    }
}
