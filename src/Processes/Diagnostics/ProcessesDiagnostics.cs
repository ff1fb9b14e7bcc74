namespace Processes;

/// <summary>
/// The names under which the SDK reports what it does, for wiring it to a telemetry pipeline:
/// traces come from the <see cref="System.Diagnostics.ActivitySource"/> named
/// <see cref="ActivitySourceName"/>, metrics from the <see cref="System.Diagnostics.Metrics.Meter"/>
/// named <see cref="MeterName"/>. With OpenTelemetry:
/// <code>
/// services.AddOpenTelemetry()
///     .WithTracing(tracing => tracing.AddSource(ProcessesDiagnostics.ActivitySourceName))
///     .WithMetrics(metrics => metrics.AddMeter(ProcessesDiagnostics.MeterName));
/// </code>
/// Nothing is recorded, and nothing allocated for it, while nobody listens. See docs/observability.md.
/// </summary>
public static class ProcessesDiagnostics
{
    /// <summary>The name of the activity source of process runs, steps, task bodies and remote calls.</summary>
    public const string ActivitySourceName = "Processes";

    /// <summary>The name of the meter of process counts, step durations, checkpoints and remote calls.</summary>
    public const string MeterName = "Processes";

    /// <summary>Span and log-scope attribute: the process id (a GUID string).</summary>
    public const string ProcessIdAttribute = "processes.process.id";

    /// <summary>Span, metric and log-scope attribute: the process type's registered name.</summary>
    public const string ProcessTypeAttribute = "processes.process.type";

    /// <summary>Span and metric attribute: the state a process ended a run in (<c>finished</c>, <c>killed</c>, <c>excepted</c>, or <c>detached</c>…).</summary>
    public const string ProcessStateAttribute = "processes.process.state";

    /// <summary>Span attribute: the exit code of a finished process.</summary>
    public const string ExitCodeAttribute = "processes.process.exit_code";

    /// <summary>Span and metric attribute: the name of a process step.</summary>
    public const string StepNameAttribute = "processes.step.name";

    /// <summary>Span attribute: the attempt number of a step or task body (1 = the first; more under a retry policy).</summary>
    public const string AttemptAttribute = "processes.step.attempt";
}
