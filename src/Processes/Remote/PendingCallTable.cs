using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Processes.Diagnostics;

namespace Processes.Remote;

/// <summary>
/// The calls of one client connection that wait for a reply, by correlation id, and the failure
/// that ended the connection. Once failed, the table fails every waiting call and refuses new
/// ones, so no call can wait for a reply that will never come.
/// </summary>
internal sealed class PendingCallTable
{
    private readonly Dictionary<long, PendingCall> _calls = new();
    private Exception? _failure;

    /// <summary>Why the connection ended, or null while it is open.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Registers <paramref name="call"/>; throws the connection's failure when it has ended (before or during the registration).</summary>
    public void Add(PendingCall call)
    {
        ThrowIfFailed();
        lock (_calls)
        {
            _calls.Add(call.Id, call);
        }

        ProcessesMetrics.RemoteCallWaiting(1);

        if (Failure is not null)
        {
            // The connection failed between the check and the registration; Fail may have missed this call.
            TryRemove(call.Id, out _);
            ThrowIfFailed();
        }
    }

    /// <summary>Takes the call waiting for reply <paramref name="id"/> out of the table (a reply, an error or a cancellation ends it).</summary>
    public bool TryRemove(long id, [MaybeNullWhen(false)] out PendingCall call)
    {
        bool removed;
        lock (_calls)
        {
            removed = _calls.Remove(id, out call);
        }

        if (removed)
        {
            ProcessesMetrics.RemoteCallWaiting(-1);
        }

        return removed;
    }

    /// <summary>Finds the call waiting for reply <paramref name="id"/> without ending it (a status update for a subscribed call).</summary>
    public bool TryGet(long id, [MaybeNullWhen(false)] out PendingCall call)
    {
        lock (_calls)
        {
            return _calls.TryGetValue(id, out call);
        }
    }

    /// <summary>Ends the connection with <paramref name="failure"/> (the first failure wins) and fails every waiting call with it.</summary>
    public void Fail(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        failure = _failure!;
        PendingCall[] calls;
        lock (_calls)
        {
            calls = [.. _calls.Values];
            _calls.Clear();
        }

        ProcessesMetrics.RemoteCallWaiting(-calls.Length);

        foreach (var call in calls)
        {
            call.Fail(failure);
        }
    }

    /// <summary>Throws <see cref="RemoteProcessException"/> with the failure once the connection has ended.</summary>
    public void ThrowIfFailed()
    {
        if (Failure is { } failure)
        {
            throw new RemoteProcessException("The connection to the worker is closed: " + failure.Message, failure);
        }
    }
}
