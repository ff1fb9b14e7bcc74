namespace Processes.Benchmarks.Subjects;

/// <summary>The shared state of the shared-state cases: one counter.</summary>
[SharedState(Name = "bench.counter")]
public partial class BenchCounter
{
    public long Count { get; set; }
}
