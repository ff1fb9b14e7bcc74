using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Runtime;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>A process whose inputs hold dates with offsets, alone and in a list.</summary>
[Process]
public partial class DatedProcess
{
    [Input]
    public required DateTimeOffset When { get; init; }

    [Input]
    public List<DateTimeOffset> Also { get; init; } = [];

    [Output]
    public string Summary { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Summarize);

    private void Summarize() => Summary = string.Join(";", new[] { When }.Concat(Also).Select(date => date.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>
/// Checkpoint formats 4 and 5 write a DateTimeOffset in user data as MemoryPack does (16 bytes); formats
/// 1 to 3 wrote 10 (ticks, offset minutes). A checkpoint of the old form must still continue.
/// </summary>
public sealed class CompactDateTimeOffsetCheckpointTests
{
    private static readonly DateTimeOffset When = new(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5.5));
    private static readonly DateTimeOffset[] Also = [new(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)), DateTimeOffset.UnixEpoch];

    /// <summary>The inputs section as the generated code lays it out (port names, each member length-prefixed), with dates written by <paramref name="writeDate"/>.</summary>
    private static byte[] InputsSection(Action<ProcessWriter, DateTimeOffset> writeDate, int dateBytes)
    {
        using var writer = new ProcessWriter();
        writer.WriteSectionHeader(2);
        writer.WriteMemberName("when");
        writer.WriteInt32(dateBytes);
        writeDate(writer, When);
        writer.WriteMemberName("also");
        var mark = writer.BeginLengthPrefixed();
        writer.WriteCollectionHeader(Also.Length);
        foreach (var date in Also)
        {
            writeDate(writer, date);
        }

        writer.EndLengthPrefixed(mark);
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public async Task A_format_3_checkpoint_with_10_byte_dates_continues_and_is_saved_again_in_format_4()
    {
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            id = (await first.LaunchAsync(new DatedProcess { When = When, Also = [.. Also] }, new LaunchOptions { StartPaused = true })).Id;
        }

        var stored = (await store.LoadAsync(id))!;
        var (snapshot, sections) = CheckpointEnvelope.Read(stored.Data, "test");
        Assert.Equal(5, stored.Data.Span[4]);
        // The hand-made section is the generated one, byte for byte, in today's form...
        Assert.Equal(sections.Inputs.ToArray(), InputsSection(static (writer, date) => writer.WriteDateTimeOffset(date), 16));

        // ...so in the old form it is what formats 1 to 3 stored.
        using var old = new ProcessWriter();
        var compact = InputsSection(static (writer, date) => writer.WriteCompactDateTimeOffset(date), 10);
        CheckpointEnvelope.Write(old, snapshot, new CheckpointEnvelope.Sections(compact, sections.Outputs, sections.State, CompactDateTimeOffsets: true));
        // Sections kept from a format-3 checkpoint: the envelope is today's format and flags their date form.
        Assert.Equal(5, old.WrittenSpan[4]);
        Assert.True(CheckpointEnvelope.Read(old.WrittenMemory, "test").Sections.CompactDateTimeOffsets);
        await store.SaveAsync(stored with { Data = old.WrittenSpan.ToArray() });

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, KeepCheckpointsOfFinishedRuns = true });
        var handle = await second.ContinueAsync<DatedProcess>(id);
        Assert.Equal(When, handle.Process.When);
        Assert.Equal(When.Offset, handle.Process.When.Offset);
        Assert.Equal(Also, handle.Process.Also);
        await handle.PlayAsync();
        var done = await handle.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("2024-05-06T07:08:09.0000000-05:30;2020-01-01T00:00:00.0000000+14:00;1970-01-01T00:00:00.0000000+00:00", done.Summary);

        // Saved again by this runtime: today's format (5), today's 16-byte dates.
        var resaved = (await store.LoadAsync(id))!;
        Assert.Equal(5, resaved.Data.Span[4]);
        Assert.Equal(sections.Inputs.ToArray(), CheckpointEnvelope.Read(resaved.Data, "test").Sections.Inputs.ToArray());
    }
}
