namespace Processes.Benchmarks.Quick;

/// <summary>One benchmark's result: the median time per operation and, when measured, the bytes allocated per operation.</summary>
internal sealed record Measurement(string Method, double MedianNanoseconds, long? AllocatedBytesPerOperation);

/// <summary>A case's two measurements from the same run, so their ratio is taken under the same machine load.</summary>
internal sealed record MeasuredPair(Measurement Ours, Measurement Baseline)
{
    public double TimeRatio => Ours.MedianNanoseconds / Baseline.MedianNanoseconds;
}
