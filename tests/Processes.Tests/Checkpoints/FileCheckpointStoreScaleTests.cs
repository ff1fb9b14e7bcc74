using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>
/// The file store at 10,000 checkpoints: a save lists no directory and a query by parent reads
/// only the children's headers. Counted through the store's internal counters, with loose
/// wall-clock bounds only as a backstop. A class of its own, so it runs beside the other file
/// store tests rather than after them.
/// </summary>
public sealed class FileCheckpointStoreScaleTests : IDisposable
{
    private const int ScaleCount = 10_000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-tests", Guid.NewGuid().ToString("N"));

    public FileCheckpointStoreScaleTests()
    {
        FileStore = new FileCheckpointStore(_directory);
    }

    private FileCheckpointStore FileStore { get; }

    private FileCheckpointStore Store => FileStore;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static Checkpoint Sample(string[]? tags = null, int minutes = 0, ProcessId? parentId = null) =>
        new(
            new CheckpointInfo(ProcessId.New(), "Samples.Relax", ProcessState.Waiting, false, tags ?? Array.Empty<string>(), DateTimeOffset.UnixEpoch.AddMinutes(minutes), parentId),
            new byte[] { 1, 2, 3, 4, 5 });

    [Fact]
    public async Task At_ten_thousand_checkpoints_a_save_lists_nothing_and_a_parents_children_cost_three_header_reads()
    {
        // The bulk is written straight to disk (no fsync) so the test stays quick; the store reads it like its own.
        var populateClock = Stopwatch.StartNew();
        using (var writer = new ProcessWriter(512))
        {
            for (var index = 0; index < ScaleCount - 3; index++)
            {
                writer.Reset();
                var bulk = Sample(tags: new[] { "bulk" }, minutes: index);
                CheckpointFileFormat.Write(writer, bulk);
                File.WriteAllBytes(FileStore.GetFilePath(bulk.Info.Id), writer.WrittenSpan);
            }
        }

        populateClock.Stop();
        var parent = ProcessId.New();
        var children = Enumerable.Range(0, 3).Select(index => Sample(parentId: parent, minutes: -index)).ToArray();
        foreach (var child in children)
        {
            await Store.SaveAsync(child, Token);
        }

        var listings = FileStore.DirectoryListings;
        var headerReads = FileStore.HeaderReads;
        var saveClock = Stopwatch.StartNew();
        var extra = Sample(minutes: -100);
        await Store.SaveAsync(extra, Token);
        await Store.SaveAsync(extra with { Info = extra.Info with { State = ProcessState.Finished } }, Token);
        saveClock.Stop();
        Assert.Equal(listings, FileStore.DirectoryListings);

        // Each save reads one header at most: the version it replaces, to move its index markers.
        Assert.True(FileStore.HeaderReads - headerReads <= 2);

        headerReads = FileStore.HeaderReads;
        var listClock = Stopwatch.StartNew();
        var listed = await Store.ListAsync(CheckpointQuery.ForParent(parent), Token);
        listClock.Stop();
        Assert.Equal(children.Select(child => child.Info.Id).Reverse(), listed.Select(info => info.Id));
        Assert.Equal(listings + 1, FileStore.DirectoryListings);
        Assert.Equal(3, FileStore.HeaderReads - headerReads);

        Assert.True(saveClock.Elapsed < TimeSpan.FromSeconds(5), $"two saves took {saveClock.Elapsed}");
        Assert.True(listClock.Elapsed < TimeSpan.FromSeconds(2), $"listing three children took {listClock.Elapsed}");

        // For comparison only (machines differ too much to assert a ratio): the raw cost of one durable replace.
        var rawPath = Path.Combine(_directory, "raw.bin");
        var rawClock = Stopwatch.StartNew();
        using (var raw = new FileStream(rawPath + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None))
        {
            raw.Write(new byte[64]);
            raw.Flush(flushToDisk: true);
        }

        File.Move(rawPath + ".tmp", rawPath, overwrite: true);
        rawClock.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Populating {ScaleCount - 3} files: {populateClock.Elapsed.TotalMilliseconds:F0} ms; two saves: {saveClock.Elapsed.TotalMilliseconds:F1} ms; " +
            $"one raw write+fsync+rename: {rawClock.Elapsed.TotalMilliseconds:F1} ms; ForParent with 3 children: {listClock.Elapsed.TotalMilliseconds:F1} ms.");
    }
}
