using System;
using System.Diagnostics;

namespace Processes.Diagnostics;

/// <summary>
/// The SDK's activity source and the spans it starts. Every method returns null, having allocated
/// nothing, while no listener samples the source: callers check for null instead of asking first.
/// </summary>
internal static class ProcessesActivities
{
    public static readonly ActivitySource Source = new(ProcessesDiagnostics.ActivitySourceName);

    /// <summary>
    /// A span for one run (or continuation) of a process, as current activity until disposed; linked
    /// to the run before it when <paramref name="previousRun"/> (a W3C traceparent from the
    /// checkpoint) is given, so a trace of a continued process leads back to where it began.
    /// </summary>
    public static Activity? StartRun(string processType, ProcessId id, string? previousRun = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = previousRun is not null && ActivityContext.TryParse(previousRun, null, out var previous)
            ? Source.StartActivity("run " + processType, ActivityKind.Internal, parentContext: default, tags: null, links: [new ActivityLink(previous)])
            : Source.StartActivity("run " + processType, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ProcessesDiagnostics.ProcessTypeAttribute, processType);
            activity.SetTag(ProcessesDiagnostics.ProcessIdAttribute, id.ToString());
        }

        return activity;
    }

    /// <summary>A span for one attempt of a step (<paramref name="stepName"/>) or, when it is null, of a task body.</summary>
    public static Activity? StartBody(string processType, ProcessId? id, string? stepName, int attempt)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(stepName is null ? "task " + processType : "step " + processType + "." + stepName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ProcessesDiagnostics.ProcessTypeAttribute, processType);
            if (id is { } known)
            {
                activity.SetTag(ProcessesDiagnostics.ProcessIdAttribute, known.ToString());
            }

            if (stepName is not null)
            {
                activity.SetTag(ProcessesDiagnostics.StepNameAttribute, stepName);
            }

            activity.SetTag(ProcessesDiagnostics.AttemptAttribute, attempt);
        }

        return activity;
    }

    /// <summary>Ends a run span with the state the process is in and, for a finished one, its exit code.</summary>
    public static void EndRun(Activity activity, ProcessState state, bool detached, int? exitCode, string? exitMessage)
    {
        activity.SetTag(ProcessesDiagnostics.ProcessStateAttribute, detached ? "detached" : ProcessStateNames.Of(state));
        if (state == ProcessState.Finished && exitCode is { } code)
        {
            activity.SetTag(ProcessesDiagnostics.ExitCodeAttribute, code);
            // 0 is ProcessExitCodes.Success (a lower layer than the runtime, this folder cannot name it).
            if (code != 0)
            {
                activity.SetStatus(ActivityStatusCode.Error, exitMessage);
            }
        }

        activity.Dispose();
    }

    /// <summary>
    /// Records <paramref name="exception"/> as OpenTelemetry's conventions for exceptions say: an
    /// <c>exception</c> event with its type, message and stack trace, <c>error.type</c>, and status Error.
    /// </summary>
    public static void RecordException(Activity activity, Exception exception)
    {
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        activity.SetTag("error.type", type);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        var tags = new ActivityTagsCollection
        {
            ["exception.type"] = type,
            ["exception.message"] = exception.Message,
            ["exception.stacktrace"] = exception.ToString(),
        };
        activity.AddEvent(new ActivityEvent("exception", default, tags));
    }
}
