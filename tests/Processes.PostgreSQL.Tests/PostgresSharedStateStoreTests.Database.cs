using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

/// <summary>What the database decides (fences, concurrent saves), the kept history, the schema and the typed errors.</summary>
public sealed partial class PostgresSharedStateStoreTests
{
    [Fact]
    public async Task A_save_with_a_stale_fencing_token_or_version_is_refused_by_the_database_itself()
    {
        var one = await Open();
        var two = await Open();
        var old = await one.AcquireOwnershipAsync("fenced", "k", "one", TimeSpan.FromMilliseconds(200), Token);
        await one.SaveAsync(new SharedStateRecord("fenced", "k", 1, new byte[] { 1 }, "one", At) { FencingToken = old!.FencingToken }, Token);
        await Task.Delay(400, Token);
        var taken = await two.AcquireOwnershipAsync("fenced", "k", "two", TimeSpan.FromMinutes(1), Token);

        // The store's own save statement, sent by hand on a plain connection: no client code runs a check.
        var sql = new PostgresSharedStateTables(new PostgresTables(_schema, ""));
        Assert.Equal(0, await RawSaveAsync(sql.SaveFenced, version: 2, data: 9, token: old.FencingToken));
        Assert.Equal(0, await RawSaveAsync(sql.SaveFenced, version: 3, data: 9, token: taken!.FencingToken));
        Assert.Equal(0, await RawSaveAsync(sql.SaveUnfenced, version: 1, data: 9, token: null));
        Assert.Equal(new byte[] { 1 }, (await two.LoadAsync("fenced", "k", Token))!.Data.ToArray());
        Assert.Equal(1, await RawSaveAsync(sql.SaveFenced, version: 2, data: 2, token: taken.FencingToken));

        // Through the store: typed, naming the owner.
        var refused = await Assert.ThrowsAsync<SharedStateOwnedException>(async () =>
            await one.SaveAsync(new SharedStateRecord("fenced", "k", 3, new byte[] { 9 }, "one", At) { FencingToken = old.FencingToken }, Token));
        Assert.Equal(("fenced", "k", "two"), (refused.StateName, refused.Key, refused.Owner));
        Assert.Equal((2L, (byte)2), ((await one.LoadAsync("fenced", "k", Token))!.Version, (await one.LoadAsync("fenced", "k", Token))!.Data.Span[0]));
    }

    private async Task<int> RawSaveAsync(string statement, long version, byte data, long? token)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(statement, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "fenced" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "k" });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "raw" });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = At.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 120 });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = new[] { data }, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 10 });
        if (token is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        }

        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows++;
        }

        return rows;
    }

    [Fact]
    public async Task Of_many_instances_saving_the_same_version_at_once_exactly_one_is_stored()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ => await Open()));
        for (var version = 1L; version <= 5; version++)
        {
            var outcomes = await Task.WhenAll(stores.Select(async (store, index) =>
            {
                try
                {
                    await store.SaveAsync(new SharedStateRecord("race", "k", version, new[] { (byte)index }, "w" + index, At), Token);
                    return true;
                }
                catch (SharedStateConflictException)
                {
                    return false;
                }
            }));

            Assert.Single(outcomes, saved => saved);
            var stored = await stores[0].LoadAsync("race", "k", Token);
            Assert.Equal(version, stored!.Version);
            Assert.True(outcomes[stored.Data.Span[0]]);
        }
    }

    [Fact]
    public async Task A_repeated_save_is_a_success_and_the_last_versions_are_kept()
    {
        var store = await Open(new PostgresSharedStateStoreOptions { HistoryLength = 3 });
        for (var version = 1L; version <= 5; version++)
        {
            await store.SaveAsync(new SharedStateRecord("kept", "k", version, new[] { (byte)version }, "w", At.AddMinutes(version)), Token);
        }

        // A save retried after its reply was lost finds itself stored; a different one is a conflict.
        await store.SaveAsync(new SharedStateRecord("kept", "k", 5, new byte[] { 5 }, "w", At.AddMinutes(5)), Token);
        var conflict = await Assert.ThrowsAsync<SharedStateConflictException>(async () =>
            await store.SaveAsync(new SharedStateRecord("kept", "k", 5, new byte[] { 6 }, "w", At.AddMinutes(5)), Token));
        Assert.Equal(5, conflict.StoredVersion);

        for (var version = 3L; version <= 5; version++)
        {
            var kept = await store.LoadVersionAsync("kept", "k", version, Token);
            Assert.Equal((version, (byte)version, At.AddMinutes(version)), (kept!.Version, kept.Data.Span[0], kept.UpdatedAt));
        }

        Assert.Null(await store.LoadVersionAsync("kept", "k", 2, Token));
        Assert.Equal(2L, await SqlAsync($"SELECT count(*) FROM \"{_schema}\".shared_state_history"));
    }

    [Fact]
    public async Task The_shared_state_tables_are_versioned_on_their_own_and_a_newer_version_is_refused_untouched()
    {
        await Open();
        Assert.Equal(1, await SqlAsync($"SELECT version FROM \"{_schema}\".schema_version WHERE component = 'processes.shared-states'"));
        Assert.Equal(1, await SqlAsync($"SELECT version FROM \"{_schema}\".schema_version WHERE component = 'processes.checkpoints'"));

        // A checkpoint store shares the schema, its tables and their version unchanged.
        var checkpoints = await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(), new PostgresCheckpointStoreOptions { Schema = _schema }, Token);
        Track(checkpoints);
        Assert.Empty(await checkpoints.ListAsync(cancellationToken: Token));

        await SqlAsync($"UPDATE \"{_schema}\".schema_version SET version = 2 WHERE component = 'processes.shared-states'");
        var refused = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Open());
        Assert.Equal(CheckpointCorruptionKind.UnsupportedVersion, refused.Kind);
        Assert.Contains("shared_states", refused.Message);
        Assert.Equal(2, await SqlAsync($"SELECT version FROM \"{_schema}\".schema_version WHERE component = 'processes.shared-states'"));
        Track(await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(), new PostgresCheckpointStoreOptions { Schema = _schema }, Token));
    }

    [Fact]
    public async Task A_database_failure_is_a_typed_error_naming_the_state_key_and_table()
    {
        var store = await Open(new PostgresSharedStateStoreOptions { TransientRetries = 0 });
        await SqlAsync($"DROP TABLE \"{_schema}\".shared_states");
        var failed = await Assert.ThrowsAsync<PostgresSharedStateStoreException>(async () => await store.LoadAsync("gone", "k1", Token));
        Assert.Equal(("gone", "k1", $"\"{_schema}\".\"shared_states\"", false), (failed.StateName, failed.Key, failed.Table, failed.IsTransient));
        Assert.Contains("state 'gone' key 'k1'", failed.Message);
        Assert.Contains("127.0.0.1", failed.Endpoint);
        Assert.IsType<PostgresException>(failed.InnerException);

        await Assert.ThrowsAsync<ArgumentException>(async () => await PostgresSharedStateStore.OpenAsync("Host=127.0.0.1;Port=1", new PostgresSharedStateStoreOptions { Schema = "Bad-Name" }, Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.LoadAsync("nul\0", "k", Token));
    }
}
