using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.PostgreSQL;
using Processes.Sqlite;

namespace Processes.Benchmarks.StoreScale;

/// <summary>Which checkpoint store a <see cref="ScaledStore"/> measures.</summary>
internal enum StoreKind
{
    File,
    Sqlite,
    Postgres,
}

/// <summary>
/// One store of store-scale in its own temporary directory: filled with a number of unrelated
/// checkpoints, then holding the measured ones — a paused parent waiting on three children (put
/// there by a real runtime) and a process whose lease the benchmark holds for fenced saves.
/// </summary>
internal sealed class ScaledStore : IAsyncDisposable
{
    private const string BenchmarkOwner = "store-scale-benchmark";

    private readonly Checkpoint _fencedSave;
    private readonly ReadOnlyMemory<byte> _rawBytes;
    private readonly string _rawPath;
    private readonly string _rawTemporaryPath;
    private readonly string _inPlacePath;

    private ScaledStore(StoreKind kind, int stored, ICheckpointStore store, string directory, TimeSpan fillTime, ProcessId parentId, Checkpoint fencedSave)
    {
        Kind = kind;
        Stored = stored;
        Store = store;
        FillTime = fillTime;
        ParentId = parentId;
        _fencedSave = fencedSave;
        _rawBytes = fencedSave.Data;
        _rawPath = Path.Combine(directory, "raw-baseline.bin");
        _rawTemporaryPath = _rawPath + ".tmp";
        _inPlacePath = Path.Combine(directory, "in-place-baseline.bin");
    }

    public StoreKind Kind { get; }

    /// <summary>How many unrelated checkpoints the store was filled with.</summary>
    public int Stored { get; }

    public ICheckpointStore Store { get; }

    public TimeSpan FillTime { get; }

    /// <summary>The paused parent that every continue measurement continues.</summary>
    public ProcessId ParentId { get; }

    public string Label => $"{Kind}@{Stored}";

    /// <summary>
    /// Creates and fills one store. A PostgreSQL store lives in its own schema (named after its
    /// size) of the server at <paramref name="postgresConnectionString"/>; the raw file baselines
    /// still write in <paramref name="directory"/>.
    /// </summary>
    public static async Task<ScaledStore> CreateAsync(StoreKind kind, int stored, string directory, StoreScaleSample sample, string? postgresConnectionString = null)
    {
        Directory.CreateDirectory(directory);
        ICheckpointStore store = kind switch
        {
            StoreKind.File => new FileCheckpointStore(Path.Combine(directory, "checkpoints")),
            StoreKind.Sqlite => await SqliteCheckpointStore.OpenAsync(Path.Combine(directory, "checkpoints.db")),
            _ => await PostgresCheckpointStore.OpenAsync(
                postgresConnectionString ?? throw new ArgumentNullException(nameof(postgresConnectionString), "A PostgreSQL store needs the server's connection string."),
                new PostgresCheckpointStoreOptions { Schema = $"scale{stored}" }),
        };
        try
        {
            var fillClock = Stopwatch.StartNew();
            await FillAsync(store, stored, sample);
            fillClock.Stop();
            Console.WriteLine($"store-scale: filled the {kind} store with {stored:N0} checkpoints in {fillClock.Elapsed.TotalSeconds:0.0} s");

            var parentId = await StoreScaleSample.CreatePausedParentAsync(store);
            var savedId = ProcessId.New();
            var lease = await store.AcquireLeaseAsync(savedId, BenchmarkOwner, TimeSpan.FromHours(1));
            var fencedSave = new Checkpoint(sample.Parent.Info with { Id = savedId }, sample.Parent.Data) { FencingToken = lease.FencingToken };
            await store.SaveAsync(fencedSave);
            if (store is SqliteCheckpointStore sqlite && new FileInfo(sqlite.FilePath + "-wal") is { Exists: true } log)
            {
                Console.WriteLine($"store-scale: the {kind} store with {stored:N0} checkpoints has a write-ahead log of {log.Length:N0} B");
            }

            // list-by-tag: a fixed number of tagged checkpoints whatever the store's size (the filler has no tags).
            for (var index = 0; index < TaggedCount; index++)
            {
                await store.SaveAsync(new Checkpoint(sample.Child.Info with { Id = ProcessId.New(), ParentId = null, Tags = [Tag] }, sample.Child.Data));
            }

            return new ScaledStore(kind, stored, store, directory, fillClock.Elapsed, parentId, fencedSave);
        }
        catch
        {
            await DisposeStoreAsync(store);
            throw;
        }
    }

    /// <summary>One fenced save of the leased process's ~1 KB checkpoint; returns its duration in stopwatch ticks.</summary>
    public async ValueTask<long> SaveOnceAsync()
    {
        var start = Stopwatch.GetTimestamp();
        await Store.SaveAsync(_fencedSave);
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// One <see cref="ProcessRuntime.ContinueAsync(ProcessId, System.Threading.CancellationToken)"/>
    /// of the paused parent in a new runtime, until the handle is returned; the runtime is stopped
    /// (releasing the lease) outside the measured time.
    /// </summary>
    /// <summary>The tag of the <see cref="TaggedCount"/> checkpoints list-by-tag finds.</summary>
    public const string Tag = "store-scale-tagged";

    public const int TaggedCount = 10;

    public async ValueTask<long> LoadOnceAsync()
    {
        var start = Stopwatch.GetTimestamp();
        var checkpoint = await Store.LoadAsync(ParentId);
        var elapsed = Stopwatch.GetTimestamp() - start;
        if (checkpoint is null)
        {
            throw new InvalidOperationException($"store-scale: the parent is missing from the {Label} store.");
        }

        return elapsed;
    }

    public async ValueTask<long> ListByTagOnceAsync()
    {
        var start = Stopwatch.GetTimestamp();
        var listed = await Store.ListAsync(CheckpointQuery.ForTag(Tag));
        var elapsed = Stopwatch.GetTimestamp() - start;
        if (listed.Count != TaggedCount)
        {
            throw new InvalidOperationException($"store-scale: listing by tag in the {Label} store found {listed.Count} checkpoints, not {TaggedCount}.");
        }

        return elapsed;
    }

    public async ValueTask<long> ContinueOnceAsync()
    {
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = Store });
        try
        {
            var start = Stopwatch.GetTimestamp();
            var handle = await runtime.ContinueAsync(ParentId);
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (handle.State != ProcessState.Waiting)
            {
                throw new InvalidOperationException($"store-scale: the continued parent in the {Label} store is {handle.State}, not waiting on its children.");
            }

            return elapsed;
        }
        finally
        {
            await runtime.StopAsync();
        }
    }

    /// <summary>
    /// The baseline of a save: the same data bytes written to a temporary file in the same
    /// directory, flushed to disk and renamed over the previous version, with the fewest calls .NET
    /// offers (no async, no header, no lock, no lease check).
    /// </summary>
    public long RawWriteOnce()
    {
        var start = Stopwatch.GetTimestamp();
        using (var handle = File.OpenHandle(_rawTemporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, _rawBytes.Length))
        {
            RandomAccess.Write(handle, _rawBytes.Span, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(_rawTemporaryPath, _rawPath, overwrite: true);
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// A second reference point, the floor of any synced write: the same bytes written in place
    /// over an existing file of the same size and flushed to disk (no create, no rename). A SQLite
    /// commit is close to this: an append to its write-ahead log and one sync.
    /// </summary>
    public long InPlaceWriteOnce()
    {
        var start = Stopwatch.GetTimestamp();
        using (var handle = File.OpenHandle(_inPlacePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, _rawBytes.Span, 0);
            RandomAccess.FlushToDisk(handle);
        }

        return Stopwatch.GetTimestamp() - start;
    }

    public ValueTask DisposeAsync() => DisposeStoreAsync(Store);

    private static async ValueTask DisposeStoreAsync(ICheckpointStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>
    /// Unrelated checkpoints in families of four (a waiting parent and its three running children),
    /// with the sample's real checkpoint bytes, saved through the store's own save path: the file
    /// store's and the PostgreSQL store's SaveAsync 16 families at a time (each save waits for its own flush or
    /// commit), the SQLite store's batch save (one transaction per 1,000; its single writer would otherwise
    /// wait for 10,000 commits).
    /// </summary>
    private static async Task FillAsync(ICheckpointStore store, int count, StoreScaleSample sample)
    {
        var ids = new ProcessId[count];
        for (var index = 0; index < count; index++)
        {
            ids[index] = ProcessId.New();
        }

        var oldest = DateTimeOffset.UtcNow.AddDays(-1);
        var filler = new Checkpoint[count];
        for (var index = 0; index < count; index++)
        {
            var isParent = index % 4 == 0;
            var template = isParent ? sample.Parent : sample.Child;
            var info = template.Info with
            {
                Id = ids[index],
                ParentId = isParent ? null : ids[index - (index % 4)],
                SavedAt = oldest.AddSeconds(index),
            };
            filler[index] = new Checkpoint(info, template.Data);
        }

        if (store is SqliteCheckpointStore sqlite)
        {
            foreach (var batch in filler.Chunk(1_000))
            {
                await sqlite.SaveManyAsync(batch);
            }

            return;
        }

        // Families in parallel, each family's four in order, and the first family alone: a save
        // of any order failed here when two saves were first in a new index directory at once
        // (CreateMarker retries on DirectoryNotFoundException only, and .NET 10 reported the lost
        // race as FileNotFoundException; see docs/performance.md, store-scale), so no two
        // concurrent saves here are first in a directory.
        var families = filler.Chunk(4).ToArray();
        foreach (var checkpoint in families[0])
        {
            await store.SaveAsync(checkpoint);
        }

        await Parallel.ForEachAsync(families.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (family, cancellationToken) =>
        {
            foreach (var checkpoint in family)
            {
                await store.SaveAsync(checkpoint, cancellationToken);
            }
        });
    }

    /// <summary>Medians in nanoseconds of stopwatch-tick samples.</summary>
    public static double MedianNanoseconds(List<long> ticks)
    {
        var sorted = ticks.OrderBy(tick => tick).ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return median * 1e9 / Stopwatch.Frequency;
    }
}
