using System;
using System.Collections.Generic;

namespace Processes.Pool;

/// <summary>
/// The launches waiting for a slot: one FIFO list per priority level, lowest level first. With
/// aging, each <see cref="_aging"/> waited makes a launch one level better; only the head of each
/// level needs comparing, as it has waited longest there. Not thread-safe: the pool holds its lock.
/// </summary>
internal sealed class PoolQueue
{
    private readonly SortedDictionary<int, LinkedList<PoolWorkItem>> _levels = new();
    private readonly TimeSpan? _aging;

    public PoolQueue(TimeSpan? aging) => _aging = aging;

    public int Count { get; private set; }

    /// <summary>Queues an item in its level by sequence, so an item sent back (its worker died) goes before those that came after it.</summary>
    public void Enqueue(PoolWorkItem item)
    {
        if (!_levels.TryGetValue(item.Priority, out var level))
        {
            level = new LinkedList<PoolWorkItem>();
            _levels.Add(item.Priority, level);
        }

        var after = level.Last;
        while (after is not null && after.Value.Sequence > item.Sequence)
        {
            after = after.Previous;
        }

        item.QueueNode = after is null ? level.AddFirst(item) : level.AddAfter(after, item);
        Count++;
    }

    /// <summary>
    /// Takes the best item that may start now: in each level the first that <paramref name="canStart"/>
    /// allows (an item of a type at its running limit is passed over, not blocking its level), as
    /// long as <paramref name="canPlace"/> finds room for it; when it does not, nothing is taken.
    /// </summary>
    public bool TryDequeue(long nowTimestamp, Func<PoolWorkItem, bool> canStart, Func<PoolWorkItem, bool> canPlace, out PoolWorkItem item)
    {
        PoolWorkItem? best = null;
        var bestRank = double.MaxValue;
        foreach (var level in _levels.Values)
        {
            var candidate = FirstStartable(level, canStart);
            if (candidate is null)
            {
                continue;
            }

            var rank = Rank(candidate, nowTimestamp);
            if (best is null || rank < bestRank || (rank == bestRank && candidate.Sequence < best.Sequence))
            {
                best = candidate;
                bestRank = rank;
            }

            if (_aging is null)
            {
                break; // Strict levels: the first level with a startable item wins.
            }
        }

        // The best item waits for room rather than let a later one overtake it.
        if (best is null || !canPlace(best))
        {
            item = null!;
            return false;
        }

        item = best;
        Remove(item);
        return true;
    }

    private static PoolWorkItem? FirstStartable(LinkedList<PoolWorkItem> level, Func<PoolWorkItem, bool> canStart)
    {
        for (var node = level.First; node is not null; node = node.Next)
        {
            if (canStart(node.Value))
            {
                return node.Value;
            }
        }

        return null;
    }

    public bool Remove(PoolWorkItem item)
    {
        if (item.QueueNode is not { List: { } list } node)
        {
            return false;
        }

        list.Remove(node);
        item.QueueNode = null;
        Count--;
        if (list.Count == 0)
        {
            _levels.Remove(item.Priority);
        }

        return true;
    }

    public List<PoolWorkItem> RemoveWhere(Func<PoolWorkItem, bool> predicate)
    {
        var removed = new List<PoolWorkItem>();
        foreach (var level in new List<LinkedList<PoolWorkItem>>(_levels.Values))
        {
            foreach (var item in new List<PoolWorkItem>(level))
            {
                if (predicate(item))
                {
                    Remove(item);
                    removed.Add(item);
                }
            }
        }

        return removed;
    }

    public List<PoolWorkItem> RemoveAll()
    {
        var all = new List<PoolWorkItem>(Count);
        foreach (var level in _levels.Values)
        {
            foreach (var item in level)
            {
                item.QueueNode = null;
                all.Add(item);
            }
        }

        _levels.Clear();
        Count = 0;
        return all;
    }

    public IReadOnlyList<KeyValuePair<int, int>> CountsByLevel()
    {
        var counts = new List<KeyValuePair<int, int>>(_levels.Count);
        foreach (var (priority, level) in _levels)
        {
            counts.Add(new KeyValuePair<int, int>(priority, level.Count));
        }

        return counts;
    }

    private double Rank(PoolWorkItem item, long nowTimestamp) =>
        _aging is { } aging
            ? item.Priority - Math.Floor(System.Diagnostics.Stopwatch.GetElapsedTime(item.EnqueuedAt, nowTimestamp) / aging)
            : item.Priority;
}
