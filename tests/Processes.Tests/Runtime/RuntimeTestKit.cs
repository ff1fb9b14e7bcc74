using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Tests.Runtime;

/// <summary>Shared helpers for runtime tests: a recording runtime and waiting with a timeout.</summary>
public static class RuntimeTestKit
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static ProcessRuntime NewRuntime(ICheckpointStore? store = null) =>
        new(new ProcessRuntimeOptions { Store = store ?? new InMemoryCheckpointStore() });

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);

    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(5);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Records every state change of a runtime, in order.</summary>
    public sealed class Recorder
    {
        private readonly ConcurrentQueue<ProcessStateChangedEventArgs> _changes = new();

        public Recorder(ProcessRuntime runtime) => runtime.StateChanged += (_, change) => _changes.Enqueue(change);

        public IReadOnlyList<(ProcessState From, ProcessState To)> For(ProcessId id)
        {
            var list = new List<(ProcessState, ProcessState)>();
            foreach (var change in _changes)
            {
                if (change.ProcessId == id)
                {
                    list.Add((change.From, change.To));
                }
            }

            return list;
        }
    }

    /// <summary>A gate a scripted step waits on until the test opens it.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Open() => _open.TrySetResult();

        public async ValueTask Pass(CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }

        /// <summary>Blocks without observing cancellation (a step that ignores its token).</summary>
        public async ValueTask PassIgnoringCancellation()
        {
            _entered.TrySetResult();
            await _open.Task;
        }
    }
}
