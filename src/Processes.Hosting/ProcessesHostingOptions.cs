using System;
using Processes.Checkpoints;

namespace Processes.Hosting;

/// <summary>
/// Everything <c>AddProcesses</c> sets up: the store, the optional worker pipe, retention and the
/// runtime's lease settings. Bound from the <c>Processes</c> configuration section (see
/// docs/hosting.md for every key) and then changed by the <c>configure</c> callback.
/// </summary>
public sealed class ProcessesHostingOptions
{
    /// <summary>The checkpoint store (<c>Processes:Store</c>). Ignored when an <see cref="ICheckpointStore"/> is registered in the container before <c>AddProcesses</c>.</summary>
    public ProcessStoreSettings Store { get; } = new();

    /// <summary>The worker pipe (<c>Processes:Worker</c>): when <see cref="ProcessWorkerSettings.PipeName"/> is set, the host serves the runtime on it.</summary>
    public ProcessWorkerSettings Worker { get; } = new();

    /// <summary>What is kept after processes end (<c>Processes:Retention</c>).</summary>
    public ProcessRetentionSettings Retention { get; } = new();

    /// <summary>
    /// When true (<c>Processes:ContinueUnfinishedOnStart</c>), the host continues every stored
    /// top-level process that has not terminated when it starts (children are continued by their
    /// parents). Each type must be registered (<see cref="Registry"/>). A process another runtime
    /// holds is skipped and logged. Default false.
    /// </summary>
    public bool ContinueUnfinishedOnStart { get; set; }

    /// <summary>The runtime's owner id in leases (<c>Processes:OwnerId</c>); null for a fresh one per start.</summary>
    public string? OwnerId { get; set; }

    /// <summary>How long a lease on a running process lasts between renewals (<c>Processes:LeaseDuration</c>, default 30 s).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the runtime and worker look process types up by name; <see cref="ProcessRegistry.Global"/> by default.</summary>
    public ProcessRegistry Registry { get; set; } = ProcessRegistry.Global;

    /// <summary>The configuration path the options were bound from, to name keys in errors.</summary>
    internal string SectionPath { get; set; } = ProcessesConfiguration.DefaultSectionName;
}

/// <summary>The checkpoint store's settings (<c>Processes:Store</c>).</summary>
public sealed class ProcessStoreSettings
{
    /// <summary>Which store (<c>Kind</c>: <c>InMemory</c>, <c>File</c> or <c>Sqlite</c>); <see cref="ProcessStoreKind.InMemory"/> by default.</summary>
    public ProcessStoreKind Kind { get; set; }

    /// <summary>The directory of a file store or the database file of a SQLite store (<c>Path</c>), relative to the current directory; required for both.</summary>
    public string? Path { get; set; }
}

/// <summary>The hosted worker's settings (<c>Processes:Worker</c>).</summary>
public sealed class ProcessWorkerSettings
{
    /// <summary>The pipe name to serve (<c>PipeName</c>); null (the default) serves none.</summary>
    public string? PipeName { get; set; }

    /// <summary>The shared secret clients must prove (<c>SharedSecret</c>, UTF-8). Prefer <see cref="SharedSecretFile"/> or a secret store to a value in appsettings.json.</summary>
    public string? SharedSecret { get; set; }

    /// <summary>A file whose contents (UTF-8, trailing line break ignored) are the shared secret (<c>SharedSecretFile</c>); not together with <see cref="SharedSecret"/>.</summary>
    public string? SharedSecretFile { get; set; }

    /// <summary>Only the current OS user may connect (<c>CurrentUserOnly</c>, default true).</summary>
    public bool CurrentUserOnly { get; set; } = true;

    /// <summary>Authenticated connections served at once (<c>MaxConnections</c>, default 64).</summary>
    public int MaxConnections { get; set; } = 64;
}

/// <summary>What is kept after processes end (<c>Processes:Retention</c>).</summary>
public sealed class ProcessRetentionSettings
{
    /// <summary>Keep the checkpoints of successful runs (<c>KeepCheckpointsOfFinishedRuns</c>); see <see cref="ProcessRuntimeOptions.KeepCheckpointsOfFinishedRuns"/>.</summary>
    public bool KeepCheckpointsOfFinishedRuns { get; set; }

    /// <summary>SQLite only: purge terminated processes' checkpoints this long after they ended (<c>FinishedRetention</c>, e.g. <c>7.00:00:00</c>); null keeps them.</summary>
    public TimeSpan? FinishedRetention { get; set; }

    /// <summary>SQLite only: earlier checkpoints kept per process (<c>HistoryLength</c>, default 10).</summary>
    public int HistoryLength { get; set; } = 10;
}
