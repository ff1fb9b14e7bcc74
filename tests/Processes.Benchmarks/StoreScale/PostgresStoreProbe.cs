using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;
using Processes.PostgreSQL;
using Processes.PostgreSQL.Tests;

namespace Processes.Benchmarks.StoreScale;

/// <summary>The medians of store-postgres, in nanoseconds.</summary>
internal sealed record PostgresStoreFigures(double SaveNanoseconds, double RawUpsertNanoseconds, double ContinueNanoseconds, double RawReadNanoseconds, int CheckpointBytes);

/// <summary>
/// store-postgres: the PostgreSQL store against raw Npgsql on the same temporary server (durable
/// settings: every commit synced, as in production), measured alternately in one run.
/// (a) A fenced <c>SaveAsync</c> of store-scale's ~1.7 KB parent checkpoint under a lease taken
/// once, against one raw <c>INSERT … ON CONFLICT (id) DO UPDATE</c> of the same bytes into a
/// two-column table (one statement, autocommit, same slim data source, no lease, no history).
/// (b) <c>ProcessRuntime.ContinueAsync</c> in a new runtime of a paused parent with three children,
/// until the handle is returned, against one raw <c>SELECT data … WHERE id = ANY(…)</c> of the
/// same four checkpoints' bytes.
/// </summary>
internal static class PostgresStoreProbe
{
    public const int WarmupRounds = 20;
    public const int SaveRounds = 300;
    public const int ContinueRounds = 100;

    public static async Task<PostgresStoreFigures> MeasureAsync()
    {
        var cluster = new PostgresCluster(durable: true);
        await cluster.InitializeAsync();
        try
        {
            var connectionString = cluster.ConnectionString();
            await using var store = await PostgresCheckpointStore.OpenAsync(connectionString, new PostgresCheckpointStoreOptions { Schema = "bench" });
            var sample = await StoreScaleSample.CreateAsync();
            var parentId = await StoreScaleSample.CreatePausedParentAsync(store);
            var savedId = ProcessId.New();
            var lease = await store.AcquireLeaseAsync(savedId, "store-postgres-benchmark", TimeSpan.FromHours(1));
            var fencedSave = new Checkpoint(sample.Parent.Info with { Id = savedId }, sample.Parent.Data) { FencingToken = lease.FencingToken };
            await store.SaveAsync(fencedSave);

            await using var raw = new NpgsqlSlimDataSourceBuilder(connectionString).EnableArrays().Build();
            await using (var create = raw.CreateCommand("CREATE TABLE raw_checkpoints (id uuid PRIMARY KEY, data bytea NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync();
            }

            var familyIds = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
            for (var index = 0; index < familyIds.Length; index++)
            {
                await RawUpsertAsync(raw, familyIds[index], index == 0 ? sample.Parent.Data : sample.Child.Data);
            }

            var saves = new List<long>();
            var upserts = new List<long>();
            for (var round = 0; round < WarmupRounds + SaveRounds; round++)
            {
                // Alternating which goes first, so neither always follows the other's commit.
                long save;
                long upsert;
                if (round % 2 == 0)
                {
                    save = await TimeAsync(() => store.SaveAsync(fencedSave).AsTask());
                    upsert = await TimeAsync(() => RawUpsertAsync(raw, savedId.Value, sample.Parent.Data));
                }
                else
                {
                    upsert = await TimeAsync(() => RawUpsertAsync(raw, savedId.Value, sample.Parent.Data));
                    save = await TimeAsync(() => store.SaveAsync(fencedSave).AsTask());
                }

                if (round >= WarmupRounds)
                {
                    saves.Add(save);
                    upserts.Add(upsert);
                }
            }

            var continues = new List<long>();
            var reads = new List<long>();
            for (var round = 0; round < WarmupRounds + ContinueRounds; round++)
            {
                var elapsed = await ContinueOnceAsync(store, parentId);
                var read = await TimeAsync(() => RawReadAsync(raw, familyIds));
                if (round >= WarmupRounds)
                {
                    continues.Add(elapsed);
                    reads.Add(read);
                }
            }

            return new PostgresStoreFigures(
                ScaledStore.MedianNanoseconds(saves),
                ScaledStore.MedianNanoseconds(upserts),
                ScaledStore.MedianNanoseconds(continues),
                ScaledStore.MedianNanoseconds(reads),
                sample.Parent.Data.Length);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<long> TimeAsync(Func<Task> operation)
    {
        var start = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetTimestamp() - start;
    }

    private static async Task RawUpsertAsync(NpgsqlDataSource raw, Guid id, ReadOnlyMemory<byte> data)
    {
        await using var command = raw.CreateCommand("INSERT INTO raw_checkpoints (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = excluded.data");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RawReadAsync(NpgsqlDataSource raw, Guid[] ids)
    {
        await using var command = raw.CreateCommand("SELECT data FROM raw_checkpoints WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetFieldValue<byte[]>(0);
            rows++;
        }

        if (rows != ids.Length)
        {
            throw new InvalidOperationException($"store-postgres: the raw read found {rows} rows, not {ids.Length}.");
        }
    }

    // As store-scale: a new runtime continues the paused parent; stopping it (releasing the lease) is not measured.
    private static async Task<long> ContinueOnceAsync(ICheckpointStore store, ProcessId parentId)
    {
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        try
        {
            var start = Stopwatch.GetTimestamp();
            var handle = await runtime.ContinueAsync(parentId);
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (handle.State != ProcessState.Waiting)
            {
                throw new InvalidOperationException($"store-postgres: the continued parent is {handle.State}, not waiting on its children.");
            }

            return elapsed;
        }
        finally
        {
            await runtime.StopAsync();
        }
    }
}
