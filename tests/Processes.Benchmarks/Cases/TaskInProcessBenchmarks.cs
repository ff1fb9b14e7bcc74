using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Processes.Benchmarks.Subjects;

namespace Processes.Benchmarks.Cases;

/// <summary>task-inproc: a trivial [Task] run to its outputs by the runtime, against Task.Run of the same body.</summary>
[MemoryDiagnoser]
public class TaskInProcessBenchmarks
{
    private ProcessRuntime _runtime = null!;

    [GlobalSetup]
    public void CreateRuntime() => _runtime = new ProcessRuntime();

    [GlobalCleanup]
    public ValueTask StopRuntime() => _runtime.DisposeAsync();

    // ValueTask, not Task: a Task<int> result would be the harness's own allocation (72 B), not the
    // runtime's. What remains per call is the SquareTask the caller creates (24 B).
    [Benchmark]
    public async ValueTask<int> RunTaskThroughRuntime()
    {
        var task = await _runtime.RunAsync(new SquareTask { X = 7 });
        return task.Result;
    }

    [Benchmark(Baseline = true)]
    public Task<int> TaskRunOfSameBody() => Task.Run(static () => SquareTask.Square(7));
}
