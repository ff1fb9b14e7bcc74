using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Processes.Benchmarks.Quick;

/// <summary>Writes the quick results to JSON with raw values (nanoseconds, bytes), for tools and trend tracking.</summary>
internal static class QuickJsonReport
{
    public static void Write(string path, DateTimeOffset startedAt, TimeSpan duration, MachineDescription machine, IReadOnlyList<CaseResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        // Relaxed escaping keeps "≤" and "µs" readable; the file is never embedded in HTML.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("mode", "quick");
        json.WriteString("startedAt", startedAt);
        json.WriteNumber("durationSeconds", Math.Round(duration.TotalSeconds, 1));
        WriteMachine(json, machine);
        json.WriteStartArray("cases");
        foreach (var result in results)
        {
            WriteCase(json, result);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMachine(Utf8JsonWriter json, MachineDescription machine)
    {
        json.WriteStartObject("machine");
        json.WriteString("os", machine.Os);
        json.WriteString("runtime", machine.Runtime);
        json.WriteString("architecture", machine.Architecture);
        json.WriteNumber("logicalCores", machine.LogicalCores);
        json.WriteString("cpu", machine.Cpu);
        json.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter json, CaseResult result)
    {
        json.WriteStartObject();
        json.WriteString("id", result.Id);
        json.WriteString("status", result.IsPending ? "pending" : "measured");
        json.WriteString("target", result.Target);
        if (result.IsPending)
        {
            json.WriteString("ours", "n/a");
            json.WriteString("baseline", "n/a");
            json.WriteString("needs", result.PendingReason);
            json.WriteEndObject();
            return;
        }

        json.WriteString("ours", result.Ours);
        json.WriteString("baseline", result.Baseline);
        json.WriteString("ratio", result.Ratio);
        json.WriteBoolean("met", result.Met == "yes");
        json.WriteStartArray("measurements");
        foreach (var measurement in result.Measurements)
        {
            json.WriteStartObject();
            json.WriteString("method", measurement.Method);
            json.WriteNumber("medianNanoseconds", Math.Round(measurement.MedianNanoseconds, 1));
            if (measurement.AllocatedBytesPerOperation is { } bytes)
            {
                json.WriteNumber("allocatedBytesPerOperation", bytes);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("checks");
        foreach (var check in result.Checks)
        {
            json.WriteStartObject();
            json.WriteString("metric", check.Metric);
            json.WriteNumber("value", Math.Round(check.Value, 4));
            json.WriteString("comparison", check.AtMost ? "<=" : ">=");
            json.WriteNumber("limit", check.Limit);
            json.WriteBoolean("met", check.Met);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("facts");
        foreach (var (name, value) in result.Facts)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
