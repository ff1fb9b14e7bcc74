using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Sqlite.Tests;

public sealed partial class SqliteCheckpointStoreTests
{
    [Fact]
    public async Task Reopening_the_file_finds_checkpoints_history_tags_and_leases()
    {
        var parent = ProcessId.New();
        var checkpoints = Enumerable.Range(0, 20)
            .Select(index => Sample(tags: new[] { "reopen", $"n{index}" }, data: BitConverter.GetBytes(index), minutes: index, parentId: index % 2 == 0 ? parent : null))
            .ToArray();
        foreach (var checkpoint in checkpoints)
        {
            await SqliteStore.SaveAsync(checkpoint, Token);
        }

        var id = checkpoints[0].Info.Id;
        await SqliteStore.SaveAsync(checkpoints[0], Token);
        var lease = await SqliteStore.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        SqliteStore.Dispose();

        var reopened = await Open();
        Assert.Equal(DatabasePath, reopened.FilePath);
        foreach (var checkpoint in checkpoints)
        {
            AssertSameCheckpoint(checkpoint, await reopened.LoadAsync(checkpoint.Info.Id, Token));
        }

        Assert.Equal(checkpoints.Select(c => c.Info.Id), (await reopened.ListAsync(CheckpointQuery.ForTag("reopen"), Token)).Select(info => info.Id));
        Assert.Equal(10, (await reopened.ListAsync(CheckpointQuery.ForParent(parent), Token)).Count);
        Assert.Equal(2, (await reopened.ListHistoryAsync(id, Token)).Count);
        Assert.Equal(lease, await reopened.GetLeaseAsync(id, Token));
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode_with_the_schema_version_recorded()
    {
        await SqliteStore.SaveAsync(Sample(), Token);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Token));
        command.CommandText = "SELECT version FROM schema_version WHERE component = 'processes.checkpoints';";
        Assert.Equal(1L, await command.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_a_typed_error_naming_it_and_is_left_alone()
    {
        Directory.CreateDirectory(_directory);
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(DatabasePath, garbage, Token);

        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Open());
        Assert.Equal(DatabasePath, error.Location);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(CheckpointCorruptionKind.BadMagic, error.Kind);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(DatabasePath, Token));
    }

    [Fact]
    public async Task A_database_with_a_foreign_schema_or_a_newer_version_gives_a_typed_error_naming_it()
    {
        Directory.CreateDirectory(_directory);
        var foreign = Path.Combine(_directory, "foreign.db");
        await ExecuteAsync(foreign, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);");
        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Open(path: foreign));
        Assert.Equal(foreign, error.Location);
        Assert.Equal(CheckpointCorruptionKind.InvalidContent, error.Kind);

        await SqliteStore.SaveAsync(Sample(), Token);
        SqliteStore.Dispose();
        await ExecuteAsync(DatabasePath, "UPDATE schema_version SET version = 99;");
        var newer = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Open());
        Assert.Equal(CheckpointCorruptionKind.UnsupportedVersion, newer.Kind);
        Assert.Contains("99", newer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_locked_by_another_writer_fails_the_save_with_an_error_and_stores_nothing()
    {
        var store = await Open(new SqliteCheckpointStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        await using var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False;Default Timeout=1");
        await other.OpenAsync(Token);
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync(Token);
        }

        var checkpoint = Sample();
        var error = await Assert.ThrowsAsync<SqliteException>(async () => await store.SaveAsync(checkpoint, Token));
        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY

        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Token);
        }

        Assert.Null(await store.LoadAsync(checkpoint.Info.Id, Token));
        await store.SaveAsync(checkpoint, Token);
        AssertSameCheckpoint(checkpoint, await store.LoadAsync(checkpoint.Info.Id, Token));
    }

    [Fact]
    public async Task A_disposed_store_refuses_work()
    {
        var store = await Open();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.SaveAsync(Sample(), Token));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.LoadAsync(ProcessId.New(), Token));
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }
}
