using BenchmarkDotNet.Attributes;

namespace Processes.Benchmarks.Cases;

/// <summary>`--remote-sizes`: remote-call's pair at payloads from 16 B to 512 KiB, for the latency chart.</summary>
public class RemoteLatencyBySizeBenchmarks : RemoteCallBenchmarks
{
    public static int[] Sizes { get; } = [16, 256, 4 * 1024, 64 * 1024, 512 * 1024];

    [ParamsSource(nameof(Sizes))]
    public override int PayloadBytes { get; set; } = 16;
}
