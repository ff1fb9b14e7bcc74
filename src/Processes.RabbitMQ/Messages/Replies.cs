using System;
using Processes.Remote;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.RabbitMQ.Messages;

/// <summary>Writes reply bodies: an outcome byte, then the pipe protocol's payload for the call.</summary>
internal static class Replies
{
    public static byte[] Ok(Action<ProcessWriter> writePayload)
    {
        using var writer = new ProcessWriter();
        writer.WriteByte((byte)ReplyOutcome.Ok);
        writePayload(writer);
        return writer.ToArray();
    }

    public static byte[] Error(Exception exception)
    {
        using var writer = new ProcessWriter();
        writer.WriteByte((byte)ReplyOutcome.Error);
        RemoteErrors.Write(writer, exception);
        return writer.ToArray();
    }

    public static byte[] Bare(ReplyOutcome outcome) => [(byte)outcome];

    /// <summary>The outcome of a reply, throwing its typed error when it is one.</summary>
    public static ReplyOutcome Open(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new RemoteProtocolException("An empty reply arrived.");
        }

        var outcome = (ReplyOutcome)body.Span[0];
        return outcome switch
        {
            ReplyOutcome.Ok or ReplyOutcome.NotRunning or ReplyOutcome.StillRunning => outcome,
            ReplyOutcome.Error => throw RemoteErrors.Read(body.Span[1..]),
            _ => throw new RemoteProtocolException($"A reply has the unknown outcome {(byte)outcome}."),
        };
    }
}
