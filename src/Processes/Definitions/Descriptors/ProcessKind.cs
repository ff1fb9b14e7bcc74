namespace Processes;

/// <summary>What kind of unit of work a descriptor describes.</summary>
public enum ProcessKind
{
    /// <summary>A <see cref="TaskAttribute">[Task]</see>: inputs to outputs in one atomic body.</summary>
    Task = 0,

    /// <summary>A <see cref="ProcessAttribute">[Process]</see>: an outline of checkpointed steps.</summary>
    Process = 1,
}
