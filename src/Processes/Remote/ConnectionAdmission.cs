using System.Collections.Generic;
using System.Threading;

namespace Processes.Remote;

/// <summary>
/// A worker's connection budgets. Connections still in the handshake have a small budget of their
/// own, apart from the authenticated ones, so a local peer that keeps connecting without knowing
/// the secret cannot hold the slots that clients which can authenticate need: when the handshake
/// budget is full, the connection that has waited longest is dropped for the new one. Refusals
/// that wait for the client to read them are counted too, so they cannot pile up.
/// </summary>
internal sealed class ConnectionAdmission(int maxConnections, int maxPendingHandshakes)
{
    private readonly object _gate = new();

    // Oldest first; a connection keeps its node so it can leave from anywhere in the list.
    private readonly LinkedList<WorkerConnection> _pending = new();
    private int _authenticated;
    private int _lingering;

    /// <summary>The connections that completed the handshake and are open.</summary>
    public int Authenticated => Volatile.Read(ref _authenticated);

    /// <summary>True when no further connection could be admitted now.</summary>
    public bool IsFull => Authenticated >= maxConnections;

    /// <summary>
    /// Counts <paramref name="connection"/> as in the handshake. Returns the connection that has
    /// waited longest when the budget was already full (the caller drops it), otherwise null.
    /// </summary>
    public WorkerConnection? BeginHandshake(WorkerConnection connection)
    {
        lock (_gate)
        {
            WorkerConnection? oldest = null;
            if (_pending.Count >= maxPendingHandshakes)
            {
                oldest = _pending.First!.Value;
                _pending.RemoveFirst();
                oldest.PendingHandshake = null;
            }

            connection.PendingHandshake = _pending.AddLast(connection);
            return oldest;
        }
    }

    /// <summary>Stops counting <paramref name="connection"/> as in the handshake; safe to call more than once.</summary>
    public void EndHandshake(WorkerConnection connection)
    {
        lock (_gate)
        {
            if (connection.PendingHandshake is { } node)
            {
                _pending.Remove(node);
                connection.PendingHandshake = null;
            }
        }
    }

    /// <summary>Takes an authenticated slot; false when all are taken.</summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _authenticated) <= maxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _authenticated);
        return false;
    }

    /// <summary>Gives back a slot taken by <see cref="TryAdmit"/>.</summary>
    public void Release() => Interlocked.Decrement(ref _authenticated);

    /// <summary>Whether a refusal may wait for its client to close; false when as many already do as handshakes may be pending.</summary>
    public bool TryBeginLinger()
    {
        if (Interlocked.Increment(ref _lingering) <= maxPendingHandshakes)
        {
            return true;
        }

        Interlocked.Decrement(ref _lingering);
        return false;
    }

    /// <summary>Ends a wait begun with <see cref="TryBeginLinger"/>.</summary>
    public void EndLinger() => Interlocked.Decrement(ref _lingering);
}
