using Microsoft.Extensions.DependencyInjection;
#if NET10_0_OR_GREATER
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Processes;
#endif

namespace HostedWorker;

/// <summary>Traces and metrics of the SDK to the console exporter (see docs/observability.md).</summary>
internal static class ConsoleTelemetry
{
    /// <summary>
    /// Wires the SDK's ActivitySource and Meter to OpenTelemetry's console exporter. On net8.0 it
    /// does nothing: OpenTelemetry 1.21 is not Native-AOT clean there (IL2104/IL3000), and this
    /// sample is published with Native AOT on both frameworks.
    /// </summary>
    public static IServiceCollection AddConsoleTelemetry(this IServiceCollection services)
    {
#if NET10_0_OR_GREATER
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(ProcessesDiagnostics.ActivitySourceName).AddConsoleExporter())
            .WithMetrics(metrics => metrics.AddMeter(ProcessesDiagnostics.MeterName).AddConsoleExporter());
#endif
        return services;
    }
}
