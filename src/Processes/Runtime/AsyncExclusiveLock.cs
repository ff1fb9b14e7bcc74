using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// An asynchronous mutual-exclusion lock whose uncontended enter and exit are one interlocked
/// operation each. <see cref="SemaphoreSlim"/> takes a monitor on both, and a process takes its
/// checkpoint lock twice per step, almost always uncontended (only pause, play and kill from
/// other threads compete for it).
/// </summary>
internal sealed class AsyncExclusiveLock
{
    // Guards the queue and the hand-over count; a separate object so the queue can be created lazily (contention is rare).
    private readonly object _sync = new();
    private Queue<TaskCompletionSource>? _waiters;

    // Holders plus waiters (registered or about to be): 0 means free.
    private int _count;

    // Exits that found a waiter counted but not yet queued; that waiter takes the lock at once.
    private int _handedOver;

    /// <summary>Enters the lock; completes synchronously when it is free.</summary>
    public ValueTask EnterAsync()
    {
        if (Interlocked.Increment(ref _count) == 1)
        {
            return default;
        }

        lock (_sync)
        {
            if (_handedOver > 0)
            {
                _handedOver--;
                return default;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_waiters ??= new Queue<TaskCompletionSource>()).Enqueue(waiter);
            return new ValueTask(waiter.Task);
        }
    }

    /// <summary>Leaves the lock, handing it to the next waiter if there is one.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0)
        {
            return;
        }

        TaskCompletionSource? next;
        lock (_sync)
        {
            if (_waiters is null || !_waiters.TryDequeue(out next))
            {
                _handedOver++;
                return;
            }
        }

        next.TrySetResult();
    }
}
