using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

namespace Processes.Diagnostics;

/// <summary>
/// The SDK's meter and instruments. Counters and histograms are recorded only when enabled (a
/// listener subscribed), so callers test <c>Enabled</c> before taking a timestamp or building tags.
/// The gauges read process-wide counts kept with one interlocked add each, since a gauge must be
/// right for a listener that subscribes while processes already run.
/// </summary>
internal static class ProcessesMetrics
{
    private static long s_active;
    private static long s_waiting;
    private static long s_remoteCallsWaiting;

    public static readonly Meter Meter = new(ProcessesDiagnostics.MeterName);

    public static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "processes.process.started", "{process}", "Processes started (launched or run); continuations from a checkpoint are not counted.");

    public static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "processes.process.finished", "{process}", "Processes that reached a terminal state, by that state (finished, killed, excepted).");

    public static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "processes.process.failed", "{process}", "Processes that excepted (a step or body threw), by exception type.");

    public static readonly Histogram<double> StepDuration = Seconds(
        "processes.step.duration", "Duration of one attempt of a process step or task body.");

    public static readonly Histogram<long> CheckpointSize = Bytes(
        "processes.checkpoint.size", "Size of a saved checkpoint.");

    public static readonly Histogram<double> CheckpointSaveDuration = Seconds(
        "processes.checkpoint.save.duration", "Time the checkpoint store took to save one checkpoint.");

    public static readonly ObservableUpDownCounter<long> Active = Meter.CreateObservableUpDownCounter(
        "processes.process.active", () => Volatile.Read(ref s_active), "{process}", "Processes executing in this OS process (running, waiting or paused).");

    public static readonly ObservableUpDownCounter<long> Waiting = Meter.CreateObservableUpDownCounter(
        "processes.process.waiting", () => Volatile.Read(ref s_waiting), "{process}", "Processes in state Waiting (for children, a timer or a retry).");

    public static readonly ObservableUpDownCounter<long> RemoteCallsWaiting = Meter.CreateObservableUpDownCounter(
        "processes.remote.call.pending", () => Volatile.Read(ref s_remoteCallsWaiting), "{call}", "Remote calls sent by clients in this OS process and waiting for their reply.");

#if NET9_0_OR_GREATER
    // Exporters' default buckets (0, 5, 10, 25 … 10000) suit milliseconds; these suit seconds and bytes.
    private static Histogram<double> Seconds(string name, string description) => Meter.CreateHistogram(
        name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    private static Histogram<long> Bytes(string name, string description) => Meter.CreateHistogram(
        name, "By", description, tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = [256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216] });
#else
    // System.Diagnostics.DiagnosticSource 8 has no bucket advice; configure views in the exporter instead.
    private static Histogram<double> Seconds(string name, string description) => Meter.CreateHistogram<double>(name, "s", description);

    private static Histogram<long> Bytes(string name, string description) => Meter.CreateHistogram<long>(name, "By", description);
#endif

    public static void ProcessActivated(int delta) => Interlocked.Add(ref s_active, delta);

    public static void ProcessWaiting(int delta) => Interlocked.Add(ref s_waiting, delta);

    public static void RemoteCallWaiting(int delta) => Interlocked.Add(ref s_remoteCallsWaiting, delta);

    public static KeyValuePair<string, object?> TypeTag(string processType) => new(ProcessesDiagnostics.ProcessTypeAttribute, processType);

    /// <summary>Seconds since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
