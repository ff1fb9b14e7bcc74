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

    /// <summary>
    /// How long this runtime's ownership of a state lasts after its last use, in a store that
    /// several runtimes may share (<see cref="Checkpoints.FileSharedStateStore"/>): every read,
    /// update and watch of the state renews it, and while it lasts another runtime using the
    /// store is refused with <see cref="SharedStateOwnedException"/>. After it lapses (the owner
    /// is gone, or has not used the state for this long) another runtime takes the state over,
    /// and the first one is refused from then on. 30 seconds by default.
    /// </summary>
    public System.TimeSpan LeaseDuration { get; init; } = System.TimeSpan.FromSeconds(30);

    /// <summary>
    /// Who this runtime is when it owns shared states; the runtime's
    /// <see cref="ProcessRuntimeOptions.OwnerId"/> when null. A stable name (say, the worker's role)
    /// lets a worker restarted after a crash take its states back at once instead of after the
    /// lease of its previous incarnation lapses; two runtimes that run at the same time must never
    /// share it.
    /// </summary>
    public string? OwnerId { get; init; }
}
