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
    // The queue and the hand-over count are guarded by lock (this) (the class is internal, nobody
    // else locks it; a lock object would cost an allocation per process). The queue is created
    // lazily: contention is rare.
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

        lock (this)
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
        lock (this)
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
