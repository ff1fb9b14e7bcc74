using System.Collections.Generic;
using System.Diagnostics;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>One worker of the pool: its connection, its OS process (null when adopted), and the items in its slots. Mutable state is guarded by the pool's lock.</summary>
internal sealed class PoolWorker
{
    public PoolWorker(int place, string pipeName, ProcessClient client, Process? osProcess, int slots, int restarts)
    {
        Place = place;
        PipeName = pipeName;
        Client = client;
        OsProcess = osProcess;
        OsProcessId = osProcess?.Id;
        Slots = slots;
        Restarts = restarts;
    }

    /// <summary>Its place in the pool; a restarted worker takes the place of the one that died.</summary>
    public int Place { get; }

    public string PipeName { get; }

    public ProcessClient Client { get; }

    public Process? OsProcess { get; }

    public bool Adopted => OsProcess is null;

    /// <summary>Read once at start: the id of an exited process cannot be read any more.</summary>
    public int? OsProcessId { get; }

    public int Slots { get; }

    public int Restarts { get; }

    public HashSet<PoolWorkItem> Items { get; } = new();

    public bool Lost { get; set; }

    public int FreeSlots => Lost ? 0 : Slots - Items.Count;

    public PoolWorkerStatus ToStatus() => new(PipeName, Slots, Items.Count, Adopted, Restarts, OsProcessId);
}
