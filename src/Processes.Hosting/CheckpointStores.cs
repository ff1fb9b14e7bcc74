using System;
using Processes.Checkpoints;
using Processes.Sqlite;

namespace Processes.Hosting;

/// <summary>Creates the store the options name.</summary>
internal static class CheckpointStores
{
    public static ICheckpointStore Create(ProcessesHostingOptions options) => options.Store.Kind switch
    {
        ProcessStoreKind.InMemory => new InMemoryCheckpointStore(),
        ProcessStoreKind.File => new FileCheckpointStore(options.Store.Path!),
        // Opened once, when the container first needs the store (the host's start): SQLite's open
        // is synchronous work behind an asynchronous signature.
        ProcessStoreKind.Sqlite => SqliteCheckpointStore.OpenAsync(options.Store.Path!, new SqliteCheckpointStoreOptions
        {
            FinishedRetention = options.Retention.FinishedRetention,
            HistoryLength = options.Retention.HistoryLength,
        }).AsTask().GetAwaiter().GetResult(),
        _ => throw new ProcessesConfigurationException(options.SectionPath + ":Store:Kind", $"'{options.Store.Kind}' is not a store kind."),
    };
}
