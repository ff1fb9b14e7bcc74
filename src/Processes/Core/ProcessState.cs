namespace Processes;

/// <summary>The states of a process (PRODUCT.md §4). Paused is a separate flag, not a state.</summary>
public enum ProcessState : byte
{
    /// <summary>Created, not started yet.</summary>
    Created = 0,

    /// <summary>Running a step or a task body.</summary>
    Running = 1,

    /// <summary>Waiting for children to finish.</summary>
    Waiting = 2,

    /// <summary>Terminal: the process ran to its end (successfully or not; see the exit code).</summary>
    Finished = 3,

    /// <summary>Terminal: a step threw, or a child failed.</summary>
    Excepted = 4,

    /// <summary>Terminal: the process was killed.</summary>
    Killed = 5,
}
