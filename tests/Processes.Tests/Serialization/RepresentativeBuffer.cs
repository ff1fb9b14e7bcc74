using System;
using Processes.Serialization;

namespace Processes.Tests.Serialization;

/// <summary>
/// A buffer holding one of everything the format has (object header, primitives, strings in both
/// forms, arrays, collections, a nullable, a version-tolerant section) and a reader that consumes
/// it exactly, for truncation and fuzz tests.
/// </summary>
internal static class RepresentativeBuffer
{
    public static byte[] Create()
    {
        using var writer = new ProcessWriter();
        writer.WriteObjectHeader(3);
        writer.WriteInt32(7);
        writer.WriteBoolean(true);
        writer.WriteDecimal(-12.345m);
        writer.WriteGuid(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"));
        writer.WriteDateTime(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        writer.WriteDateTimeOffset(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));
        writer.WriteTimeSpan(TimeSpan.FromSeconds(90));
        writer.WriteString("héllo 日本");
        writer.WriteString(null);
        writer.WriteInt32(2);           // "ok" in UTF-16 form
        writer.WriteChar('o');
        writer.WriteChar('k');
        writer.WriteUnmanagedArray(new[] { 1, 2, 3 });
        writer.WriteBytes(new byte[] { 0xde, 0xad });
        writer.WriteCollectionHeader(2);
        writer.WriteString("a");
        writer.WriteString("bc");
        writer.WriteNullableHeader(hasValue: true, alignment: 4);
        writer.WriteInt32(5);
        writer.WriteSectionHeader(2);
        writer.WriteMemberName("x");
        var mark = writer.BeginLengthPrefixed();
        writer.WriteDouble(2.5);
        writer.EndLengthPrefixed(mark);
        writer.WriteMemberName("unknown");
        mark = writer.BeginLengthPrefixed();
        writer.WriteString("skipped");
        writer.EndLengthPrefixed(mark);
        writer.WriteNullObjectHeader();
        return writer.ToArray();
    }

    /// <summary>Reads a buffer laid out as <see cref="Create"/> lays it out, following its lengths and counts.</summary>
    public static void ReadAll(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProcessReader(bytes);
        reader.TryReadObjectHeader(out _);
        reader.ReadInt32();
        reader.ReadBoolean();
        reader.ReadDecimal();
        reader.ReadGuid();
        reader.ReadDateTime();
        reader.ReadDateTimeOffset();
        reader.ReadTimeSpan();
        reader.ReadString();
        reader.ReadString();
        reader.ReadString();
        reader.ReadUnmanagedArray<int>();
        reader.ReadBytes();
        if (reader.TryReadCollectionHeader(out var count, minimumElementSize: 4))
        {
            for (var index = 0; index < count; index++)
            {
                reader.ReadString();
            }
        }

        if (reader.ReadNullableHeader(4))
        {
            reader.ReadInt32();
        }
        else
        {
            reader.Skip(4);
        }

        var members = reader.ReadSectionHeader();
        for (var index = 0; index < members; index++)
        {
            var name = reader.ReadMemberName();
            var value = reader.ReadLengthPrefixed();
            if (name == "x")
            {
                value.ReadDouble();
                value.EnsureAtEnd();
            }
        }

        reader.TryReadObjectHeader(out _);
        reader.EnsureAtEnd();
    }
}
