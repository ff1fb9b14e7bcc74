using System;
using System.Collections.Generic;
using System.Diagnostics;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>One worker of the pool: its connection, its OS process (null when adopted), and the items in its slots. Mutable state is guarded by the pool's lock.</summary>
internal sealed class PoolWorker
{
    public PoolWorker(int place, string pipeName, ProcessClient client, Process? osProcess, int slots, int restarts, int runAhead = 0)
    {
        RunAhead = runAhead;
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

    /// <summary>How many runs it may hold beyond its slots (0 when its connection has no run slots).</summary>
    public int RunAhead { get; }

    /// <summary>The items placed on it: running, and runs sent ahead that wait there for a slot.</summary>
    public HashSet<PoolWorkItem> Items { get; } = new();

    /// <summary>How many of <see cref="Items"/> are not runs (launches, continues, chains): they bypass the run slots.</summary>
    public int OtherItems { get; private set; }

    public bool Lost { get; set; }

    /// <summary>
    /// How many more items like <paramref name="item"/> it can take now. Runs may go ahead of free
    /// slots while nothing else is placed here (they wait in the run slots); anything else needs a
    /// free slot, and while it is here runs need one too, so at most <see cref="Slots"/> run at once.
    /// </summary>
    public int RoomFor(PoolWorkItem item) =>
        Lost ? 0 : Slots + (item.CanRunAhead && OtherItems == 0 ? RunAhead : 0) - Items.Count;

    public void Add(PoolWorkItem item)
    {
        Items.Add(item);
        OtherItems += item.CanRunAhead ? 0 : 1;
    }

    public void Remove(PoolWorkItem item)
    {
        if (Items.Remove(item))
        {
            OtherItems -= item.CanRunAhead ? 0 : 1;
        }
    }

    public PoolWorkerStatus ToStatus() => new(PipeName, Slots, Math.Min(Items.Count, Slots), Adopted, Restarts, OsProcessId)
    {
        WaitingAhead = Math.Max(0, Items.Count - Slots),
    };
}
