using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

/// <summary>Creating, migrating and checking the schema; configuration and connection errors.</summary>
public sealed partial class PostgresCheckpointStoreTests
{
    [Fact]
    public async Task Stores_opening_at_once_on_an_empty_database_create_the_schema_exactly_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await Task.Yield();
            return await Open();
        }));

        Assert.Equal(1, await SqlAsync($"SELECT version FROM \"{_schema}\".schema_version WHERE component = 'processes.checkpoints'"));
        var checkpoint = Sample();
        await stores[0].SaveAsync(checkpoint, Token);
        AssertSameCheckpoint(checkpoint, await stores[5].LoadAsync(checkpoint.Info.Id, Token));

        // Opening again changes nothing.
        var again = await Open();
        AssertSameCheckpoint(checkpoint, await again.LoadAsync(checkpoint.Info.Id, Token));
        Assert.Equal(1L, await SqlAsync($"SELECT count(*) FROM \"{_schema}\".schema_version"));
    }

    [Fact]
    public async Task Stores_with_different_prefixes_opening_at_once_in_a_new_schema_all_succeed()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(async index =>
        {
            await Task.Yield();
            return await Open(new PostgresCheckpointStoreOptions { TablePrefix = $"app{index}_" });
        }));

        Assert.Equal(4L, await SqlAsync($"SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = '{_schema}' AND tablename LIKE '%schema_version'"));
        foreach (var store in stores)
        {
            await store.SaveAsync(Sample(), Token);
            Assert.Single(await store.ListAsync(cancellationToken: Token));
        }
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_version_is_refused_and_left_as_it_is()
    {
        var store = await Open();
        var checkpoint = Sample();
        await store.SaveAsync(checkpoint, Token);
        await SqlAsync($"UPDATE \"{_schema}\".schema_version SET version = 2");

        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Open());
        Assert.Equal(CheckpointCorruptionKind.UnsupportedVersion, error.Kind);
        Assert.Contains("schema version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(_schema, error.Location, StringComparison.Ordinal);
        Assert.Equal(2, await SqlAsync($"SELECT version FROM \"{_schema}\".schema_version"));
        Assert.Equal(1L, await SqlAsync($"SELECT count(*) FROM \"{_schema}\".checkpoints"));
    }

    [Fact]
    public async Task The_tag_index_has_no_pending_list_and_an_older_one_loses_it_at_the_next_open()
    {
        // A GIN pending list is scanned linearly by every tag query until a vacuum merges it.
        const string options = "coalesce(array_to_string(c.reloptions, ','), '')";
        var query = $"SELECT {options} FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{_schema}' AND c.relname = 'checkpoints_by_tag'";
        var store = await Open();
        var tagged = Sample(tags: ["kept"]);
        await store.SaveAsync(tagged, Token);
        Assert.Equal("fastupdate=off", await SqlAsync(query));

        // As an earlier build created it: GIN's default.
        await SqlAsync($"ALTER INDEX \"{_schema}\".checkpoints_by_tag SET (fastupdate = on)");
        Assert.Equal("fastupdate=on", await SqlAsync(query));
        var reopened = await Open();
        Assert.Equal("fastupdate=off", await SqlAsync(query));
        Assert.Equal(tagged.Info.Id, Assert.Single(await reopened.ListAsync(CheckpointQuery.ForTag("kept"), Token)).Id);
        Assert.Equal(1, await SqlAsync($"SELECT version FROM \"{_schema}\".schema_version"));
    }

    [Fact]
    public async Task Tables_of_the_same_names_without_a_version_row_are_not_taken_over()
    {
        await SqlAsync($"CREATE SCHEMA \"{_schema}\"; CREATE TABLE \"{_schema}\".checkpoints (something text)");
        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Open());
        Assert.Equal(CheckpointCorruptionKind.InvalidContent, error.Kind);
        Assert.Contains("checkpoints", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_applications_with_different_table_prefixes_share_one_schema_without_seeing_each_other()
    {
        var first = await Open(new PostgresCheckpointStoreOptions { TablePrefix = "app_one_" });
        var second = await Open(new PostgresCheckpointStoreOptions { TablePrefix = "app_two_" });
        var id = ProcessId.New();
        await first.SaveAsync(Sample(id, tags: new[] { "one" }), Token);
        await second.SaveAsync(Sample(id, tags: new[] { "two" }), Token);
        await first.AcquireLeaseAsync(id, "runtime-one", TimeSpan.FromMinutes(5), cancellationToken: Token);
        await second.AcquireLeaseAsync(id, "runtime-two", TimeSpan.FromMinutes(5), cancellationToken: Token);

        Assert.Equal(new[] { "one" }, (await first.LoadAsync(id, Token))!.Info.Tags);
        Assert.Equal(new[] { "two" }, (await second.LoadAsync(id, Token))!.Info.Tags);
        Assert.Equal(1L, await SqlAsync($"SELECT count(*) FROM \"{_schema}\".app_one_checkpoints"));
        Assert.Contains("table prefix app_one_", first.Endpoint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Bogus Keyword=1")]
    [InlineData("Host=127.0.0.1;Port=not-a-number")]
    [InlineData("Database=postgres;Username=postgres")]
    [InlineData("this is not a connection string")]
    public async Task A_malformed_connection_string_is_an_ArgumentException_before_any_connection(string connectionString)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await PostgresCheckpointStore.OpenAsync(connectionString, null, Token));
        Assert.Equal("connectionString", error.ParamName);
        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_are_checked_when_the_store_opens()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Open(new PostgresCheckpointStoreOptions { Schema = "Mixed Case" }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Open(new PostgresCheckpointStoreOptions { Schema = "x\"; DROP SCHEMA public; --" }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Open(new PostgresCheckpointStoreOptions { TablePrefix = "bad-prefix" }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Open(new PostgresCheckpointStoreOptions { TablePrefix = new string('p', PostgresCheckpointStoreOptions.MaxTablePrefixLength + 1) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Open(new PostgresCheckpointStoreOptions { HistoryLength = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Open(new PostgresCheckpointStoreOptions { FinishedRetention = TimeSpan.FromDays(-1) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Open(new PostgresCheckpointStoreOptions { TransientRetries = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await PostgresStore.PurgeAsync(TimeSpan.FromDays(-1), Token));
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_a_transient_store_error_naming_the_endpoint()
    {
        var unused = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        unused.Start();
        var port = ((System.Net.IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();

        var error = await Assert.ThrowsAsync<PostgresCheckpointStoreException>(async () => await PostgresCheckpointStore.OpenAsync(
            $"Host=127.0.0.1;Port={port};Username=postgres;Password=secret-password;Timeout=2",
            new PostgresCheckpointStoreOptions { TransientRetryDelay = TimeSpan.FromMilliseconds(10) }, Token));
        Assert.True(error.IsTransient);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", error.ToString(), StringComparison.Ordinal);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
    }

    [Fact]
    public async Task A_missing_database_is_a_permanent_store_error()
    {
        var error = await Assert.ThrowsAsync<PostgresCheckpointStoreException>(async () =>
            await PostgresCheckpointStore.OpenAsync(_server.ConnectionString("no_such_database"), null, Token));
        Assert.False(error.IsTransient);
        Assert.Contains("3D000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_is_not_UTF8_is_refused_at_open()
    {
        var database = "latin_" + _schema;
        await SqlAsync($"CREATE DATABASE {database} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        try
        {
            var error = await Assert.ThrowsAsync<PostgresCheckpointStoreException>(async () =>
                await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(database), new PostgresCheckpointStoreOptions { Schema = _schema }, Token));
            Assert.False(error.IsTransient);
            Assert.Contains("LATIN1", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await SqlAsync($"DROP DATABASE {database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Text_PostgreSQL_cannot_hold_is_refused_before_anything_is_stored()
    {
        var id = ProcessId.New();
        await Assert.ThrowsAsync<ArgumentException>(async () => await PostgresStore.SaveAsync(Sample(id, tags: new[] { "nul\0inside" }), Token));
        var badName = Sample(id) with { };
        badName = badName with { Info = badName.Info with { ProcessName = "half \uD800 pair" } };
        await Assert.ThrowsAsync<ArgumentException>(async () => await PostgresStore.SaveAsync(badName, Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await PostgresStore.AcquireLeaseAsync(id, "owner\0", TimeSpan.FromMinutes(1), cancellationToken: Token));
        Assert.Null(await PostgresStore.LoadAsync(id, Token));

        // A surrogate pair is fine.
        var emoji = Sample(id, tags: new[] { "🙂" });
        await PostgresStore.SaveAsync(emoji, Token);
        AssertSameCheckpoint(emoji, await PostgresStore.LoadAsync(id, Token));
    }
}
