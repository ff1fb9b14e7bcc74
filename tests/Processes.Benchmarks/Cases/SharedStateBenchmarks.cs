using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Processes.Benchmarks.Subjects;

namespace Processes.Benchmarks.Cases;

/// <summary>
/// shared-state-inproc: one atomic update of a shared state in process (per-state lock, generated
/// serializer, in-memory store, change history), against an increment under a plain lock and an
/// <see cref="Interlocked"/> increment of a field.
/// </summary>
[MemoryDiagnoser]
public class SharedStateBenchmarks
{
    private readonly object _gate = new();
    private ProcessRuntime _runtime = null!;
    private long _count;

    [GlobalSetup]
    public void CreateRuntime() => _runtime = new ProcessRuntime();

    [GlobalCleanup]
    public ValueTask StopRuntime() => _runtime.DisposeAsync();

    [Benchmark]
    public ValueTask<long> UpdateSharedState() => _runtime.SharedStates.UpdateAsync<BenchCounter, long>("bench", static counter => ++counter.Count);

    [Benchmark(Baseline = true)]
    public long IncrementUnderLock()
    {
        lock (_gate)
        {
            return ++_count;
        }
    }

    [Benchmark]
    public long InterlockedIncrement() => Interlocked.Increment(ref _count);
}
