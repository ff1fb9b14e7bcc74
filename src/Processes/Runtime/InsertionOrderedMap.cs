using System;
using System.Collections.Generic;

namespace Processes.Runtime;

/// <summary>
/// Values by key in the order their keys were last set: setting a key again moves it to the end.
/// Set, remove and lookup are O(1), so a fan-out of n children costs O(n), not O(n²) as a list
/// searched per key would. Not thread-safe.
/// </summary>
internal sealed class InsertionOrderedMap<TValue>
{
    private readonly LinkedList<KeyValuePair<string, TValue>> _order = new();
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, TValue>>> _nodes = new(StringComparer.Ordinal);

    public int Count => _nodes.Count;

    /// <summary>Sets the value under <paramref name="key"/> and makes it the last in order.</summary>
    public void SetLast(string key, TValue value)
    {
        if (_nodes.TryGetValue(key, out var existing))
        {
            _order.Remove(existing);
        }

        _nodes[key] = _order.AddLast(new KeyValuePair<string, TValue>(key, value));
    }

    public bool Remove(string key)
    {
        if (!_nodes.Remove(key, out var node))
        {
            return false;
        }

        _order.Remove(node);
        return true;
    }

    public bool ContainsKey(string key) => _nodes.ContainsKey(key);

    public bool TryGetValue(string key, out TValue value)
    {
        if (_nodes.TryGetValue(key, out var node))
        {
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Clear()
    {
        _nodes.Clear();
        _order.Clear();
    }

    /// <summary>The entries in order.</summary>
    public LinkedList<KeyValuePair<string, TValue>>.Enumerator GetEnumerator() => _order.GetEnumerator();

    public TValue[] ValuesToArray()
    {
        if (_order.Count == 0)
        {
            return Array.Empty<TValue>();
        }

        var values = new TValue[_order.Count];
        var i = 0;
        foreach (var entry in _order)
        {
            values[i++] = entry.Value;
        }

        return values;
    }

    public string[] KeysToArray()
    {
        if (_order.Count == 0)
        {
            return Array.Empty<string>();
        }

        var keys = new string[_order.Count];
        var i = 0;
        foreach (var entry in _order)
        {
            keys[i++] = entry.Key;
        }

        return keys;
    }
}
