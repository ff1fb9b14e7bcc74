using System;
using System.Threading.Tasks;
using Processes.Benchmarks.Remote;
using Processes.Pool;

namespace Processes.Benchmarks.Pool;

/// <summary>Starts a <see cref="ProcessPool"/> of the benchmarks' own worker executable (in-memory store, as in remote-call).</summary>
internal static class BenchmarkPool
{
    public static Task<ProcessPool> StartAsync(int workers, int slotsPerWorker, int runAhead = 0) =>
        ProcessPool.StartAsync(new ProcessPoolOptions
        {
            WorkerFileName = BenchmarkExecutables.Worker,
            WorkerArguments = ["--pipe", ProcessPoolOptions.PipeNameToken],
            WorkerCount = workers,
            SlotsPerWorker = slotsPerWorker,
            RunAheadPerWorker = runAhead,
            PipeNamePrefix = "pb-pool",
            ConnectTimeout = TimeSpan.FromSeconds(30),
        });
}
