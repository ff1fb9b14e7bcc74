using System.Diagnostics;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// W3C trace context in a request frame (flag <see cref="FrameFlags.TraceContext"/>): the payload
/// starts with <c>string traceparent</c>, <c>string? tracestate</c>, exactly the two HTTP headers'
/// values, so the worker's span joins the caller's trace.
/// </summary>
internal static class WireTraceContext
{
    /// <summary>The activity whose context a request carries: the call's own span, else whatever span the caller is in; null when there is none in W3C form.</summary>
    public static Activity? ToPropagate(Activity? callActivity) =>
        (callActivity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity ? activity : null;

    public static void Write(ProcessWriter writer, Activity activity)
    {
        writer.WriteString(activity.Id);
        writer.WriteString(activity.TraceStateString);
    }

    /// <summary>Reads the two fields; a traceparent that does not parse is no error (the call just starts a new trace).</summary>
    public static (string? TraceParent, string? TraceState) Read(ref ProcessReader reader)
    {
        var traceParent = reader.ReadString();
        var traceState = reader.ReadString();
        return (traceParent, traceState);
    }
}
