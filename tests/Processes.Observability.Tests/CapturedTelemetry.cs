using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace Processes.Observability.Tests;

/// <summary>
/// What the SDK reports during one test, through the real OpenTelemetry SDK and its in-memory
/// exporters: every span of the test's own trace (a root span the test runs under), and the
/// metrics recorded since the test began.
/// </summary>
public sealed class CapturedTelemetry : IDisposable
{
    private static readonly ActivitySource TestSource = new("Processes.Observability.Tests");

    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;

    public CapturedTelemetry()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ProcessesDiagnostics.ActivitySourceName, TestSource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_spans)
            .Build()!;
        _meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ProcessesDiagnostics.MeterName)
            .AddInMemoryExporter(_metrics)
            .Build()!;
    }

    /// <summary>Starts the span the test runs under; every span of the SDK that descends from it is in <see cref="Spans"/>.</summary>
    public Activity StartTestSpan(string name = "test") => TestSource.StartActivity(name) ?? throw new InvalidOperationException("The test source is not sampled.");

    /// <summary>The ended spans of <paramref name="root"/>'s trace (flushes first).</summary>
    public IReadOnlyList<Activity> SpansOf(Activity root)
    {
        _tracing.ForceFlush();
        lock (_spans)
        {
            return _spans.Where(span => span.TraceId == root.TraceId).ToList();
        }
    }

    /// <summary>
    /// Waits (20 s at most) until <paramref name="count"/> spans of <paramref name="root"/>'s trace
    /// have ended, and returns them: a run's span ends just after its caller is told the result.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> SpansOfAsync(Activity root, int count)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var spans = SpansOf(root);
            if (spans.Count >= count)
            {
                Assert.Equal(count, spans.Count);
                return spans;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{spans.Count} of {count} spans ended within 20 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>Collects the metrics now and returns the sum (counters, up-down counters) over the points whose tags include <paramref name="tags"/>.</summary>
    public long Sum(string metricName, params (string Key, string Value)[] tags) =>
        Points(metricName, tags).Sum(point => point.GetSumLong());

    /// <summary>Collects the metrics now and returns how many values a histogram recorded over the points whose tags include <paramref name="tags"/>.</summary>
    public long HistogramCount(string metricName, params (string Key, string Value)[] tags) =>
        Points(metricName, tags).Sum(point => point.GetHistogramCount());

    /// <summary>Collects the metrics now and returns the histogram's sum over the points whose tags include <paramref name="tags"/>.</summary>
    public double HistogramSum(string metricName, params (string Key, string Value)[] tags) =>
        Points(metricName, tags).Sum(point => point.GetHistogramSum());

    /// <summary>The metric's unit as exported.</summary>
    public string Unit(string metricName) => Latest(metricName)?.Unit ?? throw new InvalidOperationException($"{metricName} was not exported.");

    private List<MetricPoint> Points(string metricName, (string Key, string Value)[] tags)
    {
        var metric = Latest(metricName);
        if (metric is null)
        {
            return [];
        }

        return metric.MetricPoints.Where(point => tags.All(tag => HasTag(point, tag.Key, tag.Value))).ToList();
    }

    private MetricSnapshot? Latest(string metricName)
    {
        lock (_metrics)
        {
            _metrics.Clear();
        }

        _meters.ForceFlush();
        lock (_metrics)
        {
            return _metrics.LastOrDefault(metric => metric.Name == metricName);
        }
    }

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _meters.Dispose();
    }
}
