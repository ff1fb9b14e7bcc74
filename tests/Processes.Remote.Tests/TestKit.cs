using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Processes.Remote.Tests;

/// <summary>Waiting with timeouts, and a progress sink that records synchronously.</summary>
public static class TestKit
{
    /// <summary>The generated descriptor of a process type (implemented explicitly by the generator).</summary>
    public static ProcessDescriptor<T> DescriptorOf<T>()
        where T : class, IProcessDefinition<T> => T.Descriptor;

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(WorkerProcess.Timeout);

    public static Task Within(this Task task) => task.WaitAsync(WorkerProcess.Timeout);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(WorkerProcess.Timeout);

    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(WorkerProcess.Timeout);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + WorkerProcess.Timeout;
        while (true)
        {
            var value = await probe().Within();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not become true in time; last value: {value}");
            }

            await Task.Delay(20);
        }
    }

    public sealed class StatusRecorder : IProgress<ProcessStatus>
    {
        private readonly ConcurrentQueue<ProcessStatus> _statuses = new();

        public IReadOnlyCollection<ProcessStatus> Statuses => _statuses;

        public void Report(ProcessStatus value) => _statuses.Enqueue(value);
    }
}
