namespace Processes;

/// <summary>The allowed state transitions (PRODUCT.md §4). Terminal states allow none.</summary>
public static class ProcessStateTransitions
{
    /// <summary>True when a process may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(ProcessState from, ProcessState to) => from switch
    {
        ProcessState.Created => to is ProcessState.Running or ProcessState.Killed or ProcessState.Excepted,
        ProcessState.Running or ProcessState.Waiting =>
            to is ProcessState.Running or ProcessState.Waiting or ProcessState.Finished or ProcessState.Killed or ProcessState.Excepted,
        _ => false,
    };

    /// <summary>True for Finished, Excepted and Killed.</summary>
    public static bool IsTerminal(this ProcessState state) =>
        state is ProcessState.Finished or ProcessState.Excepted or ProcessState.Killed;
}
