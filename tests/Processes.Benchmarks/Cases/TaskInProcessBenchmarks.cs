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

    [Benchmark]
    public async Task<int> RunTaskThroughRuntime()
    {
        var task = await _runtime.RunAsync(new SquareTask { X = 7 });
        return task.Result;
    }

    [Benchmark(Baseline = true)]
    public Task<int> TaskRunOfSameBody() => Task.Run(static () => SquareTask.Square(7));
}
