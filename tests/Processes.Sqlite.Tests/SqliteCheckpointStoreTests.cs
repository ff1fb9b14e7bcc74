using System;
using System.IO;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Tests.Checkpoints;

namespace Processes.Sqlite.Tests;

/// <summary>The shared store contract, plus what only the SQLite store has (in the other parts of this class).</summary>
public sealed partial class SqliteCheckpointStoreTests : CheckpointStoreTests
{
    private static readonly DateTimeOffset ClockStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-sqlite-tests", Guid.NewGuid().ToString("N"));
    private readonly System.Collections.Generic.List<SqliteCheckpointStore> _opened = new();

    private string DatabasePath => Path.Combine(_directory, "checkpoints.db");

    private SqliteCheckpointStore SqliteStore => (SqliteCheckpointStore)Store;

    protected override ICheckpointStore CreateStore() => Open().AsTask().GetAwaiter().GetResult();

    private async ValueTask<SqliteCheckpointStore> Open(SqliteCheckpointStoreOptions? options = null, string? path = null)
    {
        var store = await SqliteCheckpointStore.OpenAsync(path ?? DatabasePath, options, Token);
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

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        base.Dispose();
    }
}
