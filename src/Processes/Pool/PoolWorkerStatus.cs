namespace Processes.Pool;

/// <summary>One worker of a <see cref="ProcessPool"/> at the time of a <see cref="ProcessPoolStatus"/>.</summary>
/// <param name="PipeName">The pipe the pool talks to it on (a restarted worker gets a new one).</param>
/// <param name="Slots">How many processes it may run at once.</param>
/// <param name="Running">How many slots are taken.</param>
/// <param name="Adopted">True for a worker the pool found running and did not start (it is not restarted when it dies).</param>
/// <param name="Restarts">How many times the worker in this place has been started again after dying.</param>
/// <param name="OsProcessId">The worker's OS process id, or null for an adopted worker.</param>
public sealed record PoolWorkerStatus(string PipeName, int Slots, int Running, bool Adopted, int Restarts, int? OsProcessId)
{
    /// <summary>Slots free for the next launch.</summary>
    public int FreeSlots => Slots - Running;

    /// <summary>Runs sent ahead to this worker that wait there for a slot (<see cref="ProcessPoolOptions.RunAheadPerWorker"/>).</summary>
    public int WaitingAhead { get; init; }
}
