using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Processes.Benchmarks.Allocations;

/// <summary>
/// A poor man's allocation profiler (dotnet-trace is not installed here): listens to the
/// runtime's GC AllocationTick event, which fires about every 100 KB allocated and names the type
/// being allocated at that moment. Over many calls the sampled bytes per type converge on the
/// real distribution.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeEventSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _sampledBytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    public IReadOnlyList<KeyValuePair<string, long>> SampledBytesByType() =>
        _sampledBytesByType.OrderByDescending(pair => pair.Value).ToList();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeEventSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var typeName = Payload(eventData, "TypeName") as string ?? "?";
        var amount = Payload(eventData, "AllocationAmount64") is ulong amount64 ? (long)amount64 : Convert.ToInt64(Payload(eventData, "AllocationAmount") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        _sampledBytesByType.AddOrUpdate(typeName, amount, (_, total) => total + amount);
    }

    private static object? Payload(EventWrittenEventArgs eventData, string name)
    {
        var index = eventData.PayloadNames!.IndexOf(name);
        return index >= 0 ? eventData.Payload![index] : null;
    }
}
