namespace Processes.Serialization;

/// <summary>
/// The binary record of a <see cref="ProcessErrorInfo"/> in checkpoints (a process's error, a
/// map chunk's failed items): an object header, type, message, stack trace and the inner error.
/// </summary>
internal static class ErrorInfoCodec
{
    public static void Write(ProcessWriter writer, ProcessErrorInfo? error)
    {
        if (error is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        writer.WriteObjectHeader(4);
        writer.WriteString(error.TypeName);
        writer.WriteString(error.Message);
        writer.WriteString(error.StackTrace);
        Write(writer, error.Inner);
    }

    public static ProcessErrorInfo? Read(ref ProcessReader reader) => Read(ref reader, depth: 0);

    private static ProcessErrorInfo? Read(ref ProcessReader reader, int depth)
    {
        if (depth > 64)
        {
            throw new ProcessSerializationException("the error chain is nested too deeply.", reader.Offset);
        }

        if (!reader.TryReadObjectHeader(out var count))
        {
            return null;
        }

        if (count != 4)
        {
            throw new ProcessSerializationException($"an error record has {count} members instead of 4.", reader.Offset - 1);
        }

        var typeName = reader.ReadString() ?? string.Empty;
        var message = reader.ReadString() ?? string.Empty;
        var stackTrace = reader.ReadString();
        var inner = Read(ref reader, depth + 1);
        return new ProcessErrorInfo(typeName, message, stackTrace, inner);
    }
}
