using System;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Serialization;

/// <summary>
/// Malformed input only ever raises <see cref="ProcessSerializationException"/>, and a claimed
/// length is checked against the input before anything is allocated.
/// </summary>
public sealed class MalformedInputTests
{
    // Generous enough for an exception with its message and stack trace, far below any claimed length.
    private const long AllocationAllowance = 64 * 1024;

    [Fact]
    public void The_representative_buffer_reads_completely()
    {
        var bytes = RepresentativeBuffer.Create();
        RepresentativeBuffer.ReadAll(bytes);
    }

    [Fact]
    public void Every_truncation_of_the_representative_buffer_raises_a_serialization_error()
    {
        var bytes = RepresentativeBuffer.Create();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var prefix = bytes.AsSpan(0, cut).ToArray();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Record.Exception(() => RepresentativeBuffer.ReadAll(prefix));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(error is ProcessSerializationException, $"Cut at {cut} of {bytes.Length}: {error?.GetType().Name ?? "no exception"}.");
            Assert.True(allocated < AllocationAllowance, $"Cut at {cut}: {allocated} bytes allocated.");
        }
    }

    public static TheoryData<string> HugeLengthReads => new()
    {
        "collection", "unmanaged array", "bytes", "utf8 string", "utf16 string", "section", "length prefixed",
    };

    [Theory]
    [MemberData(nameof(HugeLengthReads))]
    public void A_huge_claimed_length_is_rejected_before_allocating(string read)
    {
        using var writer = new ProcessWriter();
        writer.WriteInt32(read == "utf8 string" ? ~int.MaxValue : int.MaxValue);
        writer.WriteInt32(int.MaxValue / 4);
        writer.WriteZeros(64);
        var bytes = writer.ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            switch (read)
            {
                case "collection": reader.TryReadCollectionHeader(out _); break;
                case "unmanaged array": reader.ReadUnmanagedArray<long>(); break;
                case "bytes": reader.ReadBytes(); break;
                case "utf8 string": reader.ReadString(); break;
                case "utf16 string": reader.ReadString(); break;
                case "section": reader.ReadSectionHeader(); break;
                case "length prefixed": reader.ReadLengthPrefixed(); break;
                default: throw new ArgumentOutOfRangeException(nameof(read));
            }
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, error.Offset);
        Assert.True(allocated < AllocationAllowance, $"{allocated} bytes allocated.");
    }

    [Fact]
    public void A_collection_count_is_checked_against_the_minimum_element_size()
    {
        using var writer = new ProcessWriter();
        writer.WriteInt32(3);
        writer.WriteZeros(11);
        var bytes = writer.ToArray();

        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).TryReadCollectionHeader(out _, minimumElementSize: 4));
        var reader = new ProcessReader(bytes);
        Assert.True(reader.TryReadCollectionHeader(out var count, minimumElementSize: 3));
        Assert.Equal(3, count);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void A_negative_length_other_than_null_is_rejected(int length)
    {
        using var writer = new ProcessWriter();
        writer.WriteInt32(length);
        writer.WriteZeros(16);
        var bytes = writer.ToArray();
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadBytes());
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).TryReadCollectionHeader(out _));
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadUnmanagedArray<int>());
    }

    [Fact]
    public void A_null_length_prefixed_value_section_or_member_name_is_rejected()
    {
        var bytes = new byte[] { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0 };
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadLengthPrefixed());
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadSectionHeader());
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadMemberName());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0xff)]
    public void An_invalid_boolean_byte_is_rejected(byte value)
    {
        var error = Assert.Throws<ProcessSerializationException>(() => new ProcessReader(new byte[] { 1, value }).ReadBooleanTwice());
        Assert.Equal(1, error.Offset);
    }

    [Theory]
    [InlineData("fe ff ff ff 01 00 00 00 ff")]          // 0xff never occurs in UTF-8
    [InlineData("fd ff ff ff 01 00 00 00 c3 28")]       // a lead byte followed by a non-continuation byte
    [InlineData("fc ff ff ff 01 00 00 00 ed a0 80")]    // an encoded surrogate
    [InlineData("fd ff ff ff 01 00 00 00 c0 80")]       // an overlong NUL
    [InlineData("fe ff ff ff 01 00 00 00 e6")]          // a truncated sequence
    public void Invalid_utf8_is_rejected(string hex)
    {
        var bytes = Hex.Parse(hex);
        var error = Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadString());
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData("fa ff ff ff 04 00 00 00 68 65 6c 6c 6f")]  // "hello" claiming 4 chars
    [InlineData("fa ff ff ff 06 00 00 00 68 65 6c 6c 6f")]  // ... or 6
    [InlineData("fa ff ff ff ff ff ff ff 68 65 6c 6c 6f")]  // ... or -1
    public void A_utf16_length_that_does_not_match_the_utf8_bytes_is_rejected(string hex)
    {
        var bytes = Hex.Parse(hex);
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadString());
    }

    [Theory]
    [InlineData(0x001D0000)]    // scale 29
    [InlineData(0x00FF0000)]    // scale 255
    [InlineData(0x00010001)]    // low bits set
    [InlineData(0x40000000)]    // a reserved high bit set
    public void An_invalid_decimal_is_rejected(int flags)
    {
        using var writer = new ProcessWriter();
        writer.WriteInt32(flags);
        writer.WriteZeros(12);
        var bytes = writer.ToArray();
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(bytes).ReadDecimal());
    }

    [Fact]
    public void Out_of_range_dates_are_rejected()
    {
        using var writer = new ProcessWriter();
        writer.WriteUInt64((ulong)DateTime.MaxValue.Ticks + 1);
        var date = writer.ToArray();
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(date).ReadDateTime());

        writer.Reset();
        writer.WriteInt64(0);
        writer.WriteInt16(15 * 60);
        var badOffset = writer.ToArray();
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(badOffset).ReadDateTimeOffset());

        writer.Reset();
        writer.WriteInt64(DateTime.MaxValue.Ticks);
        writer.WriteInt16(-60);
        var utcOverflow = writer.ToArray();
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(utcOverflow).ReadDateTimeOffset());
    }

    [Theory]
    [InlineData(250)]
    [InlineData(254)]
    public void Reserved_object_headers_are_rejected(byte header)
    {
        Assert.Throws<ProcessSerializationException>(() => new ProcessReader(new[] { header }).TryReadObjectHeader(out _));
    }

    [Fact]
    public void Random_buffers_only_yield_values_or_serialization_errors()
    {
        var random = new Random(20240611);
        var valid = RepresentativeBuffer.Create();
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            byte[] bytes;
            if (iteration % 2 == 0)
            {
                bytes = new byte[random.Next(0, 96)];
                random.NextBytes(bytes);
            }
            else
            {
                // Mutations of a valid buffer reach far deeper than noise: damage 1–4 bytes and maybe cut it.
                bytes = (byte[])valid.Clone();
                for (var flips = random.Next(1, 5); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                if (random.Next(4) == 0)
                {
                    bytes = bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
                }
            }

            var seed = random.Next();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var structured = Record.Exception(() => RepresentativeBuffer.ReadAll(bytes));
            var arbitrary = Record.Exception(() => ReadArbitrarily(bytes, new Random(seed)));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(structured is null or ProcessSerializationException, $"Iteration {iteration}: {structured}");
            Assert.True(arbitrary is null or ProcessSerializationException, $"Iteration {iteration}: {arbitrary}");
            Assert.True(allocated < AllocationAllowance + (16L * bytes.Length), $"Iteration {iteration}: {allocated} bytes allocated for {bytes.Length} input bytes.");
        }
    }

    /// <summary>Reads values of random kinds until the input ends, as a confused or hostile reader would.</summary>
    private static void ReadArbitrarily(byte[] bytes, Random random)
    {
        var reader = new ProcessReader(bytes);
        while (!reader.IsAtEnd)
        {
            switch (random.Next(16))
            {
                case 0: reader.ReadBoolean(); break;
                case 1: reader.ReadInt32(); break;
                case 2: reader.ReadInt64(); break;
                case 3: reader.ReadDecimal(); break;
                case 4: reader.ReadGuid(); break;
                case 5: reader.ReadDateTime(); break;
                case 6: reader.ReadDateTimeOffset(); break;
                case 7: reader.ReadString(); break;
                case 8: reader.ReadBytes(); break;
                case 9: reader.ReadUnmanagedArray<double>(); break;
                case 10: reader.TryReadCollectionHeader(out _, random.Next(0, 9)); break;
                case 11: reader.TryReadObjectHeader(out _); break;
                case 12: reader.ReadNullableHeader(random.Next(1, 9)); break;
                case 13: reader.ReadSectionHeader(); break;
                case 14: reader.ReadMemberName(); break;
                default:
                    var member = reader.ReadLengthPrefixed();
                    if (!member.IsAtEnd)
                    {
                        member.ReadString();
                    }

                    break;
            }
        }
    }
}

/// <summary>Lets a test read two booleans from a reader created in an expression.</summary>
internal static class ProcessReaderTestExtensions
{
    public static bool ReadBooleanTwice(this ProcessReader reader) => reader.ReadBoolean() & reader.ReadBoolean();
}
