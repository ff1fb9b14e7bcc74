using System;
using Processes.Serialization;
using Processes.Serialization.Codecs;
using Xunit;

namespace Processes.Tests.Serialization;

/// <summary>
/// The runs of fixed-size members the generated serializers use write the bytes of one writer call
/// per member, and read with the same validation and error offsets as the reader's own methods.
/// </summary>
public sealed class FixedSizeRunTests
{
    private static readonly Guid SampleGuid = new("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly DateTime SampleTime = new(2026, 12, 3, 22, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_run_writes_the_bytes_of_one_call_per_member_and_reads_them_back()
    {
        using var expected = new ProcessWriter();
        expected.WriteByte(7);
        expected.WriteObjectHeader(12);
        expected.WriteBoolean(true);
        expected.WriteSByte(-3);
        expected.WriteInt16(-1234);
        expected.WriteUInt16(54321);
        expected.WriteChar('Ω');
        expected.WriteInt32(-123456789);
        expected.WriteUInt32(3_000_000_000);
        expected.WriteSingle(0.7f);
        expected.WriteInt64(long.MinValue + 5);
        expected.WriteUInt64(ulong.MaxValue - 5);
        expected.WriteDouble(-76.026765432);
        expected.WriteDateTime(SampleTime);
        expected.WriteTimeSpan(TimeSpan.FromHours(6));
        expected.WriteGuid(SampleGuid);

        using var actual = new ProcessWriter(16);
        actual.WriteByte(7);
        const int length = 1 + 1 + 1 + 2 + 2 + 2 + 4 + 4 + 4 + 8 + 8 + 8 + 8 + 8 + 16;
        var run = FixedSizeRunWriter.Reserve(actual, length);
        run.WriteByte(0, 12);
        run.WriteBoolean(1, true);
        run.WriteSByte(2, -3);
        run.WriteInt16(3, -1234);
        run.WriteUInt16(5, 54321);
        run.WriteChar(7, 'Ω');
        run.WriteInt32(9, -123456789);
        run.WriteUInt32(13, 3_000_000_000);
        run.WriteSingle(17, 0.7f);
        run.WriteInt64(21, long.MinValue + 5);
        run.WriteUInt64(29, ulong.MaxValue - 5);
        run.WriteDouble(37, -76.026765432);
        run.WriteDateTime(45, SampleTime);
        run.WriteTimeSpan(53, TimeSpan.FromHours(6));
        run.WriteGuid(61, SampleGuid);

        Assert.Equal(Hex.Format(expected.WrittenSpan), Hex.Format(actual.WrittenSpan));

        var reader = new ProcessReader(actual.WrittenSpan);
        Assert.Equal(7, reader.ReadByte());
        var read = FixedSizeRunReader.Take(ref reader, length);
        Assert.True(reader.IsAtEnd);
        Assert.Equal(12, read.ReadByte(0));
        Assert.True(read.ReadBoolean(1));
        Assert.Equal(-3, read.ReadSByte(2));
        Assert.Equal(-1234, read.ReadInt16(3));
        Assert.Equal(54321, read.ReadUInt16(5));
        Assert.Equal('Ω', read.ReadChar(7));
        Assert.Equal(-123456789, read.ReadInt32(9));
        Assert.Equal(3_000_000_000, read.ReadUInt32(13));
        Assert.Equal(0.7f, read.ReadSingle(17));
        Assert.Equal(long.MinValue + 5, read.ReadInt64(21));
        Assert.Equal(ulong.MaxValue - 5, read.ReadUInt64(29));
        Assert.Equal(-76.026765432, read.ReadDouble(37));
        Assert.Equal(SampleTime, read.ReadDateTime(45));
        Assert.Equal(DateTimeKind.Utc, read.ReadDateTime(45).Kind);
        Assert.Equal(TimeSpan.FromHours(6), read.ReadTimeSpan(53));
        Assert.Equal(SampleGuid, read.ReadGuid(61));
    }

    [Fact]
    public void An_invalid_boolean_in_a_run_is_rejected_at_its_offset()
    {
        var bytes = new byte[] { 9, 0, 0, 0, 0, 2 };
        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            reader.ReadByte();
            var run = FixedSizeRunReader.Take(ref reader, 5);
            run.ReadInt32(0);
            run.ReadBoolean(4);
        });
        Assert.Equal(5, error.Offset);
    }

    [Fact]
    public void A_tick_count_past_the_largest_date_in_a_run_is_rejected_at_its_offset()
    {
        var bytes = new byte[12];
        BitConverter.TryWriteBytes(bytes.AsSpan(4), DateTime.MaxValue.Ticks + 1);
        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            var run = FixedSizeRunReader.Take(ref reader, 12);
            run.ReadDateTime(4);
        });
        Assert.Equal(4, error.Offset);
    }

    [Fact]
    public void A_run_longer_than_the_input_is_a_truncation()
    {
        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(new byte[8]);
            FixedSizeRunReader.Take(ref reader, 9);
        });
        Assert.True(error.IsTruncation);
    }

    [Fact]
    public void A_value_outside_the_run_is_refused()
    {
        using var writer = new ProcessWriter();
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedSizeRunWriter.Reserve(writer, 4).WriteInt32(1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var reader = new ProcessReader(new byte[8]);
            FixedSizeRunReader.Take(ref reader, 8).ReadInt64(-1);
        });
    }
}
