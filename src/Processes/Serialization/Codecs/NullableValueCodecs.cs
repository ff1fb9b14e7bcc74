using System;
using System.ComponentModel;

namespace Processes.Serialization.Codecs;

/// <summary>
/// The codec of a <see cref="DateTimeOffset"/> inside a <see cref="Nullable{T}"/>: MemoryPack's
/// 16 bytes (see <see cref="ProcessWriter.WriteDateTimeOffset"/>) aligned to 8, so that a
/// <c>DateTimeOffset?</c> is laid out as MemoryPack copies the nullable struct: the has-value byte,
/// 7 bytes of padding, then the 16 bytes (zeros when there is none). Not for use in user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeOffsetStructCodec : IUnmanagedValueCodec<DateTimeOffset>
{
    /// <inheritdoc />
    public static int MinimumSize => 16;

    /// <inheritdoc />
    public static int Alignment => 8;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, DateTimeOffset value) => writer.WriteDateTimeOffset(value);

    /// <inheritdoc />
    public static DateTimeOffset Read(ref ProcessReader reader) => reader.ReadDateTimeOffset();
}

/// <summary>
/// The codec of a nullable <c>[ProcessData]</c> struct (<c>T?</c>), in MemoryPack's layout of a
/// nullable struct that holds references: a null object header (255) for null, otherwise an object
/// header of one member followed by the value through its generated serializer. Not for use in
/// user code.
/// </summary>
/// <typeparam name="T">The data struct.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NullableDataStructCodec<T> : IValueCodec<T?>
    where T : struct, IProcessData<T>
{
    /// <inheritdoc />
    public static int MinimumSize => 1;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, T? value)
    {
        if (value is not { } present)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        writer.WriteObjectHeader(1);
        T.Write(writer, present);
    }

    /// <inheritdoc />
    public static T? Read(ref ProcessReader reader)
    {
        if (!reader.TryReadObjectHeader(out var memberCount))
        {
            return null;
        }

        if (memberCount != 1)
        {
            throw new ProcessSerializationException($"A nullable data struct has an object header of {memberCount} members; one was expected.", reader.Offset - 1);
        }

        return T.Read(ref reader);
    }
}
