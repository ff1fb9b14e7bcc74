using System;
using System.IO;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.CrashHarness;

/// <summary>The checkpoint store a harness child OS process opens in a trial's directory, by kind.</summary>
public static class CrashStores
{
    public static async Task<ICheckpointStore> OpenAsync(string kind, string directory) => kind switch
    {
        "file" => new FileCheckpointStore(Path.Combine(directory, "checkpoints")),
        "sqlite" => await Processes.Sqlite.SqliteCheckpointStore.OpenAsync(Path.Combine(directory, "checkpoints.db")),
        _ => throw new ArgumentException($"Unknown store '{kind}'."),
    };
}
