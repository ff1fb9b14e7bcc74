using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// The slots of one wait for a step's children: which children run (and count against the
/// bound), and which queued children of a bounded fan-out are played next, in item order, as
/// slots free. Used by the parent's own flow only (one wait at a time), so it takes no lock.
/// </summary>
internal sealed class FanOutQueue
{
    private readonly List<(string Key, ProcessExecution Execution)> _children;
    private readonly Queue<int> _queued = new();
    private readonly bool[] _counted;
    private int _running;
    private int _bound = int.MaxValue;

    public FanOutQueue(List<(string Key, ProcessExecution Execution)> children)
    {
        _children = children;
        _counted = new bool[children.Count];
    }

    /// <summary>A child that runs now (or was played already): it holds a slot until it ends.</summary>
    public void AddRunning(int index)
    {
        _counted[index] = true;
        _running++;
    }

    /// <summary>A queued child of a fan-out bounded to <paramref name="parallelism"/> (the smallest bound of the wait applies).</summary>
    public void AddQueued(int index, int parallelism)
    {
        _queued.Enqueue(index);
        _bound = Math.Min(_bound, parallelism);
    }

    /// <summary>A child ended: its slot, if it held one, is free.</summary>
    public void Ended(int index)
    {
        if (_counted[index])
        {
            _running--;
        }
    }

    /// <summary>Plays queued children in item order while fewer than the bound run.</summary>
    public async ValueTask PlayAsync()
    {
        while (_running < _bound && _queued.TryDequeue(out var next))
        {
            AddRunning(next);
            await _children[next].Execution.PlayAsync().ConfigureAwait(false);
        }
    }
}
