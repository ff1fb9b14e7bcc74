using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using MemoryPack;
using Processes.Benchmarks.Subjects;
using Processes.Serialization;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// codec-*: the SDK's generated codec against MemoryPack 1.22.0 on the same object (each shape's
/// type carries both attributes), System.Text.Json (source-generated) as a second reference.
/// Every side reuses its output buffer. Before timing, each codec must round-trip the object.
/// The verdict is the round trip (write + read); write and read alone are printed beside it.
/// </summary>
internal static class CodecCases
{
    public static CaseResult Composite() =>
        Run("codec-composite", "RepresentativeState (20 members)", RepresentativeState.CreateSample(), CodecShapesJsonContext.Default.RepresentativeState,
            state => RepresentativeStateComparison.ThrowIfDifferent(RepresentativeState.CreateSample(), state, "a codec"));

    public static CaseResult Records() =>
        Run("codec-records", "10,000 records", OrderBatch.CreateSample(), CodecShapesJsonContext.Default.OrderBatch, _ => { });

    public static CaseResult Doubles() =>
        Run("codec-doubles", "List<double> of 100,000", SampleSeries.CreateSample(), CodecShapesJsonContext.Default.SampleSeries, _ => { });

    public static CaseResult Strings() =>
        Run("codec-strings", "1,000 strings (4–127 chars, 10% non-ASCII)", TextBatch.CreateSample(), CodecShapesJsonContext.Default.TextBatch, _ => { });

    /// <summary>
    /// <c>--codec-loop SHAPE SIDE SECONDS</c>: runs one side of one shape alone for a while (for a
    /// profiler such as <c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>). SHAPE is
    /// composite, records, doubles or strings; SIDE is one of OursWrite, OursRead, OursRoundTrip,
    /// MemoryPackWrite, MemoryPackRead, MemoryPackRoundTrip.
    /// </summary>
    public static int Loop(string shape, string side, double seconds) => shape switch
    {
        "composite" => Loop(RepresentativeState.CreateSample(), CodecShapesJsonContext.Default.RepresentativeState, side, seconds),
        "records" => Loop(OrderBatch.CreateSample(), CodecShapesJsonContext.Default.OrderBatch, side, seconds),
        "doubles" => Loop(SampleSeries.CreateSample(), CodecShapesJsonContext.Default.SampleSeries, side, seconds),
        "strings" => Loop(TextBatch.CreateSample(), CodecShapesJsonContext.Default.TextBatch, side, seconds),
        _ => throw new ArgumentException($"Unknown shape '{shape}'.", nameof(shape)),
    };

    private static int Loop<T>(T value, JsonTypeInfo<T> json, string side, double seconds)
        where T : class, IProcessData<T>, IMemoryPackable<T>
    {
        using var sides = new CodecSides<T>(value, json);
        sides.VerifyRoundTrips(_ => { });
        Batch batch = side switch
        {
            "OursWrite" => sides.OursWrite,
            "OursRead" => sides.OursRead,
            "OursRoundTrip" => sides.OursRoundTrip,
            "MemoryPackWrite" => sides.MemoryPackWrite,
            "MemoryPackRead" => sides.MemoryPackRead,
            "MemoryPackRoundTrip" => sides.MemoryPackRoundTrip,
            _ => throw new ArgumentException($"Unknown side '{side}'.", nameof(side)),
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long operations = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            batch(16).GetAwaiter().GetResult();
            operations += 16;
        }

        Console.WriteLine($"{side}: {operations} operations in {clock.Elapsed.TotalSeconds:0.0} s, thread CPU per operation {(ThreadCpuClock.TryRead(out var cpu) ? Format.Duration(cpu / operations) : "?")}");
        return 0;
    }

    /// <summary>Payloads from this size on (the large object heap's threshold) are measured in <see cref="LargeShapeSampleMilliseconds"/> batches.</summary>
    private const int LargeShapeBytes = 85_000;

    private const double LargeShapeSampleMilliseconds = 150;

    private static CaseResult Run<T>(string id, string shape, T value, JsonTypeInfo<T> json, Action<T?> check)
        where T : class, IProcessData<T>, IMemoryPackable<T>
    {
        Console.WriteLine($"{id}: {shape}");
        var sides = new CodecSides<T>(value, json);
        var identical = sides.VerifyRoundTrips(check);

        // A 15 ms batch holds a dozen operations of a large shape, and whether the collector's
        // budget ran out inside it decided its time (a gen 2 collection costs milliseconds): one
        // run of codec-doubles' read gave 0.06× to 40× with the code unchanged. Batches of a large
        // shape are long enough to hold many collections, so each side pays its own on average.
        var sample = sides.OursBytes.Length >= LargeShapeBytes ? LargeShapeSampleMilliseconds : Interleaved.SampleMilliseconds;
        var roundTrip = Interleaved.Measure("ours round trip", sides.OursRoundTrip, "MemoryPack round trip", sides.MemoryPackRoundTrip, sampleMilliseconds: sample, threadCpu: true, sameCount: true);
        var write = Interleaved.Measure("ours write", sides.OursWrite, "MemoryPack write", sides.MemoryPackWrite, sampleMilliseconds: sample, threadCpu: true, sameCount: true);
        var read = Interleaved.Measure("ours read", sides.OursRead, "MemoryPack read", sides.MemoryPackRead, sampleMilliseconds: sample, threadCpu: true, sameCount: true);
        var versusJson = Interleaved.Measure("ours round trip (vs STJ)", sides.OursRoundTrip, "STJ round trip", sides.JsonRoundTrip, rounds: 11, threadCpu: true);

        var facts = roundTrip.Facts();
        foreach (var (name, fact) in write.Facts("write.")) facts[name] = fact;
        foreach (var (name, fact) in read.Facts("read.")) facts[name] = fact;
        foreach (var (name, fact) in versusJson.Facts("json.")) facts[name] = fact;
        facts["oursPayloadBytes"] = sides.OursBytes.Length;
        facts["memoryPackPayloadBytes"] = sides.MemoryPackBytes.Length;
        facts["jsonPayloadBytes"] = sides.JsonBytes.Length;
        facts["identicalBytes"] = identical ? 1 : 0;
        sides.Dispose();

        return new CaseResult(
            id,
            $"{shape}: {Format.Duration(roundTrip.Ours.WallNanoseconds)} round trip (thread CPU {Format.Duration(roundTrip.Ours.CpuNanoseconds)}), {Format.Bytes((long)roundTrip.Ours.AllocatedBytes)}/op; {sides.OursBytes.Length:N0} B payload",
            $"MemoryPack {Format.Duration(roundTrip.Baseline.WallNanoseconds)} (thread CPU {Format.Duration(roundTrip.Baseline.CpuNanoseconds)}), {Format.Bytes((long)roundTrip.Baseline.AllocatedBytes)}/op, {sides.MemoryPackBytes.Length:N0} B{(identical ? ", same bytes" : ", different bytes")}; STJ {Format.Duration(versusJson.Baseline.WallNanoseconds)}, {sides.JsonBytes.Length:N0} B",
            $"round trip {roundTrip.Describe()}; write {Format.Ratio(write.MedianRatio)} ({Format.Ratio(Statistics.Quantile(write.WallRatios, 0))}–{Format.Ratio(Statistics.Quantile(write.WallRatios, 1))}); read {Format.Ratio(read.MedianRatio)} ({Format.Ratio(Statistics.Quantile(read.WallRatios, 0))}–{Format.Ratio(Statistics.Quantile(read.WallRatios, 1))}); vs STJ {Format.Ratio(versusJson.MedianRatio)}",
            "≤ 1.0× MemoryPack (round trip, median of rounds)",
            [new TargetCheck("time ratio", roundTrip.MedianRatio, 1.0, AtMost: true)],
            [.. roundTrip.Measurements, .. write.Measurements, .. read.Measurements, versusJson.Measurements[1]],
            facts);
    }

    /// <summary>The six measured operations of one shape, each with its own reused buffer.</summary>
    private sealed class CodecSides<T>(T value, JsonTypeInfo<T> json) : IDisposable
        where T : class, IProcessData<T>, IMemoryPackable<T>
    {
        private readonly ProcessWriter _writer = new(4096);
        private readonly ArrayBufferWriter<byte> _memoryPackBuffer = new(4096);
        private readonly ArrayBufferWriter<byte> _jsonBuffer = new(4096);
        private Utf8JsonWriter? _jsonWriter;

        public byte[] OursBytes { get; private set; } = [];

        public byte[] MemoryPackBytes { get; private set; } = [];

        public byte[] JsonBytes { get; private set; } = [];

        public static object? Sink { get; private set; }

        /// <summary>
        /// Fails unless every codec gives back the object: the reread object must pass
        /// <paramref name="check"/> and write the same bytes again. Returns whether ours and
        /// MemoryPack wrote identical bytes.
        /// </summary>
        public bool VerifyRoundTrips(Action<T?> check)
        {
            _writer.Reset();
            ProcessData.Write(_writer, value);
            OursBytes = _writer.ToArray();
            MemoryPackBytes = MemoryPackSerializer.Serialize(value);
            JsonBytes = JsonSerializer.SerializeToUtf8Bytes(value, json);

            var reader = new ProcessReader(OursBytes);
            var ours = ProcessData.Read<T>(ref reader);
            check(ours);
            var memoryPack = MemoryPackSerializer.Deserialize<T>(MemoryPackBytes);
            check(memoryPack);
            var fromJson = JsonSerializer.Deserialize(JsonBytes, json);
            check(fromJson);

            _writer.Reset();
            ProcessData.Write(_writer, ours);
            Same(OursBytes, _writer.ToArray(), "[ProcessData]");
            Same(MemoryPackBytes, MemoryPackSerializer.Serialize(memoryPack), "MemoryPack");
            Same(JsonBytes, JsonSerializer.SerializeToUtf8Bytes(fromJson!, json), "System.Text.Json");
            // Cross-check: each reads the other's bytes (the formats are meant to be the same).
            _writer.Reset();
            return OursBytes.AsSpan().SequenceEqual(MemoryPackBytes);
        }

        private static void Same(byte[] expected, byte[] actual, string codec)
        {
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                throw new InvalidOperationException($"{codec} did not round-trip {typeof(T).Name}: the reread object writes different bytes.");
            }
        }

        public ValueTask OursWrite(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _writer.Reset();
                ProcessData.Write(_writer, value);
            }

            return default;
        }

        public ValueTask OursRead(int count)
        {
            T? last = null;
            for (var i = 0; i < count; i++)
            {
                var reader = new ProcessReader(OursBytes);
                last = ProcessData.Read<T>(ref reader);
            }

            Sink = last;
            return default;
        }

        public ValueTask OursRoundTrip(int count)
        {
            T? last = null;
            for (var i = 0; i < count; i++)
            {
                _writer.Reset();
                ProcessData.Write(_writer, value);
                var reader = new ProcessReader(_writer.WrittenSpan);
                last = ProcessData.Read<T>(ref reader);
            }

            Sink = last;
            return default;
        }

        public ValueTask MemoryPackWrite(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _memoryPackBuffer.ResetWrittenCount();
                MemoryPackSerializer.Serialize(_memoryPackBuffer, value);
            }

            return default;
        }

        public ValueTask MemoryPackRead(int count)
        {
            T? last = null;
            for (var i = 0; i < count; i++)
            {
                last = MemoryPackSerializer.Deserialize<T>(MemoryPackBytes);
            }

            Sink = last;
            return default;
        }

        public ValueTask MemoryPackRoundTrip(int count)
        {
            T? last = null;
            for (var i = 0; i < count; i++)
            {
                _memoryPackBuffer.ResetWrittenCount();
                MemoryPackSerializer.Serialize(_memoryPackBuffer, value);
                last = MemoryPackSerializer.Deserialize<T>(_memoryPackBuffer.WrittenSpan);
            }

            Sink = last;
            return default;
        }

        public ValueTask JsonRoundTrip(int count)
        {
            var jsonWriter = _jsonWriter ??= new Utf8JsonWriter(_jsonBuffer);
            T? last = null;
            for (var i = 0; i < count; i++)
            {
                _jsonBuffer.ResetWrittenCount();
                jsonWriter.Reset();
                JsonSerializer.Serialize(jsonWriter, value, json);
                last = JsonSerializer.Deserialize(_jsonBuffer.WrittenSpan, json);
            }

            Sink = last;
            return default;
        }

        public void Dispose()
        {
            _jsonWriter?.Dispose();
            _writer.Dispose();
        }
    }
}
