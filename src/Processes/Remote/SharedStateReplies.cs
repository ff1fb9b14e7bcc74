using System;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>
/// The client's side of the shared-state replies that <see cref="SharedStateRequest.ExecuteAsync"/>
/// writes, read here once so the pipe and broker clients cannot drift apart on the wire.
/// </summary>
internal static class SharedStateReplies
{
    /// <summary>Reads a replace reply: whether the owner applied it, and its version after (the newer one when refused).</summary>
    public static (bool Applied, SharedStateVersion After) ReadReplace(ref ProcessReader reader) =>
        (reader.ReadBoolean(), SharedStateRequest.ReadVersion(ref reader));

    /// <summary>Reads an apply reply: the new version number and the operation's serialized result.</summary>
    public static (long Version, byte[] Result) ReadApply(ref ProcessReader reader) =>
        (SharedStateRequest.ReadVersion(ref reader).Version, reader.ReadBytes() ?? Array.Empty<byte>());

    /// <summary>Reads a wait reply: its outcome, then the change found, or the version waited after (and the oldest kept when the history was truncated).</summary>
    public static (SharedStateRequest.WaitOutcome Outcome, SharedStateFound? Found, long After, long Oldest) ReadWait(ref ProcessReader reader)
    {
        var outcome = (SharedStateRequest.WaitOutcome)reader.ReadByte();
        switch (outcome)
        {
            case SharedStateRequest.WaitOutcome.Found:
                var version = SharedStateRequest.ReadVersion(ref reader);
                var changed = reader.ReadArray<string, Serialization.Codecs.StringCodec>() ?? Array.Empty<string>();
                return (outcome, new SharedStateFound(version with { ChangedMembers = changed }, reader.ReadInt32(), reader.ReadBoolean()), 0L, 0L);
            case SharedStateRequest.WaitOutcome.TimedOut:
                return (outcome, null, reader.ReadInt64(), 0L);
            case SharedStateRequest.WaitOutcome.HistoryTruncated:
                return (outcome, null, reader.ReadInt64(), reader.ReadInt64());
            default:
                throw new ProcessSerializationException($"{(byte)outcome} is not a watch outcome.", reader.Offset - 1);
        }
    }
}
