namespace Processes.Runtime;

/// <summary>Turns a low-level read error inside a checkpoint into the typed corruption error callers handle.</summary>
internal static class CheckpointCorruption
{
    public static CheckpointCorruptedException From(string location, ProcessSerializationException exception) =>
        new(location, exception.IsTruncation ? CheckpointCorruptionKind.Truncated : CheckpointCorruptionKind.InvalidContent, exception.Message, exception);
}
