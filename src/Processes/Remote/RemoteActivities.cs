using System.Diagnostics;
using Processes.Diagnostics;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>
/// Spans of remote calls, named and tagged as OpenTelemetry's RPC conventions say
/// (<c>{rpc.service}/{rpc.method}</c>): kind Client in <see cref="ProcessClient"/>, kind Server in
/// the worker, which continues the caller's trace from the request's trace context.
/// </summary>
internal static class RemoteActivities
{
    private const string Service = "Processes";

    public static Activity? StartClientCall(FrameType type, string pipeName)
    {
        if (!ProcessesActivities.Source.HasListeners())
        {
            return null;
        }

        var activity = ProcessesActivities.Source.StartActivity(Service + "/" + type, ActivityKind.Client);
        Tag(activity, type, pipeName);
        return activity;
    }

    public static Activity? StartServerCall(WorkerRequest request, string pipeName)
    {
        if (!ProcessesActivities.Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(request.TraceParent, request.TraceState, isRemote: true, out var parent);
        var activity = ProcessesActivities.Source.StartActivity(Service + "/" + request.Type, ActivityKind.Server, parent);
        Tag(activity, request.Type, pipeName);
        if (activity is { IsAllDataRequested: true } && request.Type == FrameType.Launch)
        {
            activity.SetTag(ProcessesDiagnostics.ProcessTypeAttribute, request.ProcessName);
        }

        return activity;
    }

    private static void Tag(Activity? activity, FrameType type, string pipeName)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag("rpc.system", "processes");
        activity.SetTag("rpc.service", Service);
        activity.SetTag("rpc.method", type.ToString());
        activity.SetTag("network.transport", "pipe");
        activity.SetTag("server.address", pipeName);
    }
}
