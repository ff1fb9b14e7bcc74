using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Processes.PostgreSQL.Tests;

namespace Processes.Benchmarks.StoreScale;

/// <summary>The medians of one <see cref="ScaledStore"/>, in nanoseconds.</summary>
internal sealed record ScaledStoreFigures(StoreKind Kind, int Stored, double SaveNanoseconds, double RawWriteNanoseconds, double InPlaceWriteNanoseconds, double ContinueNanoseconds, double LoadNanoseconds, double ListByTagNanoseconds, TimeSpan FillTime);

/// <summary>
/// store-scale: the file, SQLite and PostgreSQL stores at 100 and at 10,000 stored checkpoints, each in its
/// own temporary directory, measured round-robin so that every store sees the same machine load:
/// a fenced save (and the baselines in the same directory: write+fsync+rename, and an in-place write+fsync), then a continue
/// of the paused parent in a new runtime, then a load of the parent and a list by tag (10 tagged checkpoints). Not a BenchmarkDotNet case: a save waits for the disk
/// (milliseconds), so BenchmarkDotNet's pilot and overhead stages add nothing but time, and the
/// four stores must be filled once and measured side by side.
/// </summary>
internal static class StoreScaleProbe
{
    public const int SmallStore = 100;
    public const int LargeStore = 10_000;
    public const int WarmupRounds = 10;
    public const int SaveRounds = 200;
    public const int ContinueRounds = 150;
    public const int ReadRounds = 300;

    public static async Task<(IReadOnlyList<ScaledStoreFigures> Figures, int CheckpointBytes)> MeasureAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "processes-bench", "store-scale-" + Guid.NewGuid().ToString("N"));
        var stores = new List<ScaledStore>();
        // The PostgreSQL stores share one temporary server with production settings (every commit synced).
        var postgres = new PostgresCluster(durable: true);
        try
        {
            await postgres.InitializeAsync();
            var sample = await StoreScaleSample.CreateAsync();
            foreach (var kind in new[] { StoreKind.File, StoreKind.Sqlite, StoreKind.Postgres })
            {
                foreach (var stored in new[] { SmallStore, LargeStore })
                {
                    stores.Add(await ScaledStore.CreateAsync(kind, stored, Path.Combine(root, $"{kind}-{stored}"), sample, postgres.ConnectionString()));
                }
            }

            var saves = stores.ToDictionary(store => store, _ => new List<long>());
            var rawWrites = stores.ToDictionary(store => store, _ => new List<long>());
            var inPlaceWrites = stores.ToDictionary(store => store, _ => new List<long>());
            var continues = stores.ToDictionary(store => store, _ => new List<long>());
            for (var round = 0; round < WarmupRounds + SaveRounds; round++)
            {
                foreach (var store in InRoundOrder(stores, round))
                {
                    var save = await store.SaveOnceAsync();
                    var raw = store.RawWriteOnce();
                    var inPlace = store.InPlaceWriteOnce();
                    if (round >= WarmupRounds)
                    {
                        saves[store].Add(save);
                        rawWrites[store].Add(raw);
                        inPlaceWrites[store].Add(inPlace);
                    }
                }
            }

            for (var round = 0; round < WarmupRounds + ContinueRounds; round++)
            {
                foreach (var store in InRoundOrder(stores, round))
                {
                    var elapsed = await store.ContinueOnceAsync();
                    if (round >= WarmupRounds)
                    {
                        continues[store].Add(elapsed);
                    }
                }
            }

            var loads = stores.ToDictionary(store => store, _ => new List<long>());
            var lists = stores.ToDictionary(store => store, _ => new List<long>());
            // Reads take microseconds, so what ran just before moves them (a PostgreSQL round trip
            // before a file read tripled it in one run): each kind's two sizes alternate on their own.
            foreach (var kind in stores.Select(store => store.Kind).Distinct().ToList())
            {
                var sizes = stores.Where(store => store.Kind == kind).ToList();
                for (var round = 0; round < WarmupRounds + ReadRounds; round++)
                {
                    foreach (var store in InRoundOrder(sizes, round))
                    {
                        var load = await store.LoadOnceAsync();
                        var list = await store.ListByTagOnceAsync();
                        if (round >= WarmupRounds)
                        {
                            loads[store].Add(load);
                            lists[store].Add(list);
                        }
                    }
                }
            }

            var figures = stores
                .Select(store => new ScaledStoreFigures(
                    store.Kind,
                    store.Stored,
                    ScaledStore.MedianNanoseconds(saves[store]),
                    ScaledStore.MedianNanoseconds(rawWrites[store]),
                    ScaledStore.MedianNanoseconds(inPlaceWrites[store]),
                    ScaledStore.MedianNanoseconds(continues[store]),
                    ScaledStore.MedianNanoseconds(loads[store]),
                    ScaledStore.MedianNanoseconds(lists[store]),
                    store.FillTime))
                .ToList();
            return (figures, sample.Parent.Data.Length);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await postgres.DisposeAsync();

            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException exception)
            {
                Console.WriteLine($"store-scale: could not remove {root}: {exception.Message}");
            }
        }
    }

    // Alternating the order each round, so neither size always runs right after the other's fsync.
    private static IEnumerable<ScaledStore> InRoundOrder(List<ScaledStore> stores, int round) =>
        round % 2 == 0 ? stores : Enumerable.Reverse(stores);
}
