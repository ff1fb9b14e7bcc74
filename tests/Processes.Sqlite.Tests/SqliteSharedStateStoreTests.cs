using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Processes.Checkpoints;
using Processes.Tests.SharedStates;
using Xunit;

namespace Processes.Sqlite.Tests;

/// <summary>The shared state store contract on <see cref="SqliteSharedStateStore"/>, its schema version and its typed corruption errors.</summary>
public sealed class SqliteSharedStateStoreTests : SharedStateStoreTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-sqlite-tests", "states-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqliteSharedStateStore> _opened = new();

    private string DatabasePath => Path.Combine(_directory, "states.db");

    protected override async ValueTask<ISharedStateStore> OpenStoreAsync()
    {
        Directory.CreateDirectory(_directory);
        var store = await SqliteSharedStateStore.OpenAsync(DatabasePath);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    public override void Dispose()
    {
        lock (_opened)
        {
            foreach (var store in _opened)
            {
                store.Dispose();
            }
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_damaged_row_or_a_file_that_is_not_a_database_is_a_typed_corruption_error()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(new SharedStateRecord("contract.state", "k", 1, new byte[] { 1, 2, 3 }, "w", DateTimeOffset.UtcNow));
        await using (var connection = new SqliteConnection("Data Source=" + DatabasePath))
        {
            await connection.OpenAsync();
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE shared_states SET data = x'010209';";
            await damage.ExecuteNonQueryAsync();
        }

        var damaged = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await store.LoadAsync("contract.state", "k"));
        Assert.Equal(CheckpointCorruptionKind.ChecksumMismatch, damaged.Kind);
        Assert.Contains("contract.state", damaged.Location);
        await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await store.SaveAsync(new SharedStateRecord("contract.state", "k", 2, new byte[] { 4 }, "w", DateTimeOffset.UtcNow)));

        var notDatabase = Path.Combine(_directory, "not-a-database.db");
        await File.WriteAllTextAsync(notDatabase, new string('x', 4096));
        var refused = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await SqliteSharedStateStore.OpenAsync(notDatabase));
        Assert.Equal(CheckpointCorruptionKind.BadMagic, refused.Kind);
    }

    [Fact]
    public async Task A_new_file_is_stamped_an_unversioned_one_is_migrated_keeping_its_rows_and_a_newer_one_is_refused_untouched()
    {
        var store = await OpenStoreAsync();
        Assert.Equal(1L, await ScalarAsync("SELECT version FROM schema_version WHERE component = 'processes.shared-states';"));
        await store.SaveAsync(new SharedStateRecord("contract.state", "k", 1, new byte[] { 7 }, "w", DateTimeOffset.UtcNow));

        // The layout before versions: the same table, no schema_version.
        await ScalarAsync("DROP TABLE schema_version;");
        var migrated = await OpenStoreAsync();
        Assert.Equal(1L, await ScalarAsync("SELECT version FROM schema_version WHERE component = 'processes.shared-states';"));
        Assert.Equal(new byte[] { 7 }, (await migrated.LoadAsync("contract.state", "k"))!.Data.ToArray());

        await ScalarAsync("UPDATE schema_version SET version = 2;");
        var refused = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await OpenStoreAsync());
        Assert.Equal(CheckpointCorruptionKind.UnsupportedVersion, refused.Kind);
        Assert.Contains("shared_states", refused.Location);
        Assert.Contains("schema version 2", refused.Message);
        Assert.Equal(2L, await ScalarAsync("SELECT version FROM schema_version;"));

        var foreign = Path.Combine(_directory, "foreign.db");
        await using (var connection = new SqliteConnection("Data Source=" + foreign))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE invoices (id INTEGER);";
            await create.ExecuteNonQueryAsync();
        }

        Assert.Equal(CheckpointCorruptionKind.InvalidContent, (await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await SqliteSharedStateStore.OpenAsync(foreign))).Kind);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + DatabasePath + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
