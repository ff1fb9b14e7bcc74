namespace Processes;

/// <summary>How a runtime keeps its shared states (<see cref="ProcessRuntimeOptions.SharedStates"/>).</summary>
public sealed record SharedStateOptions
{
    /// <summary>Where states are saved before an update is acknowledged; in memory when null (lost with the program).</summary>
    public Checkpoints.ISharedStateStore? Store { get; init; }

    /// <summary>
    /// How many changes each state keeps for watchers (1 or more; 1024 by default). Past the
    /// limit the oldest change is dropped: a buffered watch after a dropped version throws
    /// <see cref="SharedStateHistoryTruncatedException"/>, a live one returns the current state.
    /// The history is in memory only: after a restart it starts at the stored version.
    /// </summary>
    public int HistoryLimit { get; init; } = 1024;
}
