using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;
using Processes.Serialization;

namespace Processes.Benchmarks.Cases;

/// <summary>
/// process-steps: a 3-step [Process] checkpointed to memory after every step, against the
/// irreducible work: the three steps called directly and the generated serializer writing the
/// whole instance (inputs, outputs, state) after each of them into one reused writer.
/// </summary>
[MemoryDiagnoser]
public class ProcessStepsBenchmarks
{
    private ProcessRuntime _runtime = null!;
    private ProcessWriter _writer = null!;

    [GlobalSetup]
    public void CreateRuntimeAndWriter()
    {
        _runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        _writer = new ProcessWriter(4096);
    }

    [GlobalCleanup]
    public async ValueTask StopRuntime()
    {
        await _runtime.DisposeAsync();
        _writer.Dispose();
    }

    [Benchmark]
    public async Task<long> RunProcessThroughRuntime()
    {
        var process = await _runtime.RunAsync(new ThreeStepProcess { Seed = 3 });
        return process.Total;
    }

    [Benchmark(Baseline = true)]
    public long CallStepsAndSerializeDirectly()
    {
        var process = new ThreeStepProcess { Seed = 3 };
        process.Start();
        CheckpointAfterStep(process);
        process.Grow();
        CheckpointAfterStep(process);
        process.Finish();
        CheckpointAfterStep(process);
        return process.Total + _writer.Length;
    }

    private void CheckpointAfterStep(ThreeStepProcess process)
    {
        _writer.Reset();
        CheckpointSections.Write(process, _writer);
    }
}
