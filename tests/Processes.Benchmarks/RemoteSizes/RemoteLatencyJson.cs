using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Processes.Benchmarks.Quick;

namespace Processes.Benchmarks.RemoteSizes;

/// <summary>Writes the size sweep's raw numbers (nanoseconds, bytes) to artifacts/bench/remote-latency.json.</summary>
internal static class RemoteLatencyJson
{
    public static void Write(string path, DateTimeOffset startedAt, TimeSpan duration, MachineDescription machine, IReadOnlyList<LatencyPoint> points)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("mode", "remote-sizes");
        json.WriteString("startedAt", startedAt);
        json.WriteNumber("durationSeconds", Math.Round(duration.TotalSeconds, 1));
        json.WriteString("machine", machine.ToString());
        json.WriteString("ours", "ProcessClient.RunAsync(new EchoTask { Payload }) to a worker process (one call outstanding)");
        json.WriteString("baseline", "raw length-prefixed echo of the same payload over a named pipe to an echo server process");
        json.WriteStartArray("points");
        foreach (var point in points)
        {
            json.WriteStartObject();
            json.WriteNumber("payloadBytes", point.PayloadBytes);
            json.WriteNumber("remoteMedianNanoseconds", Math.Round(point.RemoteNanoseconds, 1));
            json.WriteNumber("rawMedianNanoseconds", Math.Round(point.RawNanoseconds, 1));
            json.WriteNumber("ratio", Math.Round(point.Ratio, 3));
            if (point.RemoteAllocatedBytes is { } bytes)
            {
                json.WriteNumber("remoteAllocatedBytesPerCall", bytes);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
