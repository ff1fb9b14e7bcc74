using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Processes.Benchmarks.Subjects;
using Processes.Serialization;

namespace Processes.Benchmarks.Cases;

/// <summary>
/// checkpoint-codec: save and load of a 20-member state with the generated [ProcessData]
/// serializer, against System.Text.Json with a source-generated context. Both reuse their
/// output buffer, so only encoding and decoding are compared.
/// </summary>
[MemoryDiagnoser]
public class CheckpointCodecBenchmarks
{
    private readonly RepresentativeState _state = RepresentativeState.CreateSample();
    private readonly ProcessWriter _writer = new(4096);
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new(8192);
    private Utf8JsonWriter _jsonWriter = null!;

    [GlobalSetup]
    public void CreateJsonWriter() => _jsonWriter = new Utf8JsonWriter(_jsonBuffer);

    [GlobalCleanup]
    public void DisposeWriters()
    {
        _jsonWriter.Dispose();
        _writer.Dispose();
    }

    [Benchmark]
    public RepresentativeState? SaveAndLoadWithProcessData()
    {
        _writer.Reset();
        ProcessData.Write(_writer, _state);
        var reader = new ProcessReader(_writer.WrittenSpan);
        return ProcessData.Read<RepresentativeState>(ref reader);
    }

    [Benchmark(Baseline = true)]
    public RepresentativeState? SaveAndLoadWithSystemTextJson()
    {
        _jsonBuffer.ResetWrittenCount();
        _jsonWriter.Reset();
        JsonSerializer.Serialize(_jsonWriter, _state, RepresentativeStateJsonContext.Default.RepresentativeState);
        return JsonSerializer.Deserialize(_jsonBuffer.WrittenSpan, RepresentativeStateJsonContext.Default.RepresentativeState);
    }

    /// <summary>Fails unless both codecs give back the state they saved: a benchmark of a broken codec measures nothing.</summary>
    public static void VerifyRoundTrips()
    {
        var benchmarks = new CheckpointCodecBenchmarks();
        benchmarks.CreateJsonWriter();
        try
        {
            RepresentativeStateComparison.ThrowIfDifferent(benchmarks._state, benchmarks.SaveAndLoadWithProcessData(), "[ProcessData]");
            RepresentativeStateComparison.ThrowIfDifferent(benchmarks._state, benchmarks.SaveAndLoadWithSystemTextJson(), "System.Text.Json");
        }
        finally
        {
            benchmarks.DisposeWriters();
        }
    }

    /// <summary>The size of one saved state in each format (deterministic, so measured once rather than benchmarked).</summary>
    public static (int ProcessDataBytes, int JsonBytes) MeasurePayloadSizes()
    {
        var state = RepresentativeState.CreateSample();
        using var writer = new ProcessWriter();
        ProcessData.Write(writer, state);
        var json = JsonSerializer.SerializeToUtf8Bytes(state, RepresentativeStateJsonContext.Default.RepresentativeState);
        return (writer.Length, json.Length);
    }
}
