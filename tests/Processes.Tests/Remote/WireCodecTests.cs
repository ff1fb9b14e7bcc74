using System;
using Processes.Remote.Protocol;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Remote;

/// <summary>Reading the names that every reply and request repeat without decoding them again.</summary>
public sealed class WireCodecTests
{
    [Fact]
    public void Skipping_a_status_of_the_expected_process_reads_it_whole_and_anything_else_is_left_to_ReadStatus()
    {
        var status = new ProcessStatus
        {
            Id = ProcessId.New(),
            Name = "Tests.Square",
            State = ProcessState.Finished,
            Paused = false,
            StatusMessage = "done",
            CreatedAt = DateTimeOffset.UnixEpoch,
            ExitCode = 0,
            Error = new ProcessErrorInfo("T", "m", null, null),
        };
        using var writer = new ProcessWriter();
        WireCodec.WriteStatus(writer, status);
        writer.WriteInt32(42);

        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.True(WireCodec.SkipStatusOf(ref reader, new EncodedString("Tests.Square")));
        Assert.Equal(42, reader.ReadInt32());
        Assert.True(reader.IsAtEnd);

        var other = new ProcessReader(writer.WrittenSpan);
        Assert.False(WireCodec.SkipStatusOf(ref other, new EncodedString("Tests.Squar")));
        Assert.False(WireCodec.SkipStatusOf(ref other, new EncodedString("Tests.Cube")));
    }

    [Fact]
    public void Status_details_travel_only_when_asked_for_so_a_version_1_reader_reads_the_same_bytes_as_before()
    {
        var status = new ProcessStatus
        {
            Id = ProcessId.New(),
            Name = "Tests.Approval",
            State = ProcessState.Waiting,
            Paused = false,
            CreatedAt = DateTimeOffset.UnixEpoch,
            EmittedOutputs = ["asked", "quote"],
        };
        using var plain = new ProcessWriter();
        WireCodec.WriteStatusList(plain, [status]);
        using var detailed = new ProcessWriter();
        WireCodec.WriteStatusList(detailed, [status], details: true);

        var plainReader = new ProcessReader(plain.WrittenSpan);
        Assert.Empty(Assert.Single(WireCodec.ReadStatusList(ref plainReader)).EmittedOutputs);
        Assert.True(plainReader.IsAtEnd);
        var detailedReader = new ProcessReader(detailed.WrittenSpan);
        Assert.Equal(["asked", "quote"], Assert.Single(WireCodec.ReadStatusList(ref detailedReader, details: true)).EmittedOutputs);
        Assert.True(detailedReader.IsAtEnd);

        // Details cut short are a typed error at their offset, not a status with fewer outputs.
        var bytes = detailed.WrittenSpan[..^3].ToArray();
        Assert.Throws<ProcessSerializationException>(() =>
        {
            var truncated = new ProcessReader(bytes);
            WireCodec.ReadStatusList(ref truncated, details: true);
        });
    }

    [Fact]
    public void Recent_strings_return_the_instance_they_hold_for_the_same_bytes()
    {
        using var writer = new ProcessWriter();
        foreach (var name in new[] { "a.Square", "b.Cube", "a.Square", "é.Ünïcode", "é.Ünïcode" })
        {
            writer.WriteString(new string(name.AsSpan()));
        }

        var recent = new RecentStrings(capacity: 2);
        var reader = new ProcessReader(writer.WrittenSpan);
        var read = new string[5];
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = recent.ReadRequired(ref reader, "name");
        }

        Assert.Equal(["a.Square", "b.Cube", "a.Square", "é.Ünïcode", "é.Ünïcode"], read);
        Assert.Same(read[0], read[2]);
        Assert.Same(read[3], read[4]);
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Continue_options_are_optional_trailing_fields_and_a_request_without_them_reads_as_the_defaults()
    {
        var id = ProcessId.New();
        foreach (var options in new ContinueOptions?[] { null, new ContinueOptions() })
        {
            using var plain = new ProcessWriter();
            WireCodec.WriteId(plain, id);
            WireCodec.WriteContinueOptions(plain, options);
            Assert.Equal(16, plain.WrittenSpan.Length); // the frame an older worker reads

            var reader = new ProcessReader(plain.WrittenSpan);
            Assert.Equal(id, WireCodec.ReadId(ref reader));
            Assert.Null(WireCodec.ReadContinueOptions(ref reader));
        }

        foreach (var options in new[]
        {
            new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(20) },
            new ContinueOptions { FromSequence = 12 },
            new ContinueOptions { WaitForOwner = TimeSpan.FromTicks(1), FromSequence = 0 },
        })
        {
            using var writer = new ProcessWriter();
            WireCodec.WriteId(writer, id);
            WireCodec.WriteContinueOptions(writer, options);

            var reader = new ProcessReader(writer.WrittenSpan);
            WireCodec.ReadId(ref reader);
            Assert.Equal(options, WireCodec.ReadContinueOptions(ref reader));
            Assert.True(reader.IsAtEnd);
        }
    }

    [Fact]
    public void A_negative_owner_wait_is_malformed()
    {
        using var writer = new ProcessWriter();
        writer.WriteInt64(-1);
        writer.WriteBoolean(false);

        Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(writer.WrittenSpan);
            WireCodec.ReadContinueOptions(ref reader);
        });
    }
}
