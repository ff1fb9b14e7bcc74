namespace Processes.Hosting;

/// <summary>Which checkpoint store <c>AddProcesses</c> creates (configuration key <c>Processes:Store:Kind</c>).</summary>
public enum ProcessStoreKind
{
    /// <summary>An <see cref="Checkpoints.InMemoryCheckpointStore"/>: nothing survives the program. The default.</summary>
    InMemory = 0,

    /// <summary>A <see cref="Checkpoints.FileCheckpointStore"/> in the directory <c>Processes:Store:Path</c>.</summary>
    File = 1,

    /// <summary>A <see cref="Sqlite.SqliteCheckpointStore"/> in the database file <c>Processes:Store:Path</c>.</summary>
    Sqlite = 2,
}
