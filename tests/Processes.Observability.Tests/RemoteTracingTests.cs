using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Remote;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Observability.Tests;

/// <summary>
/// A worker on a real named pipe (in this test process, so one exporter sees both sides): the
/// worker's spans can only join the caller's trace through the trace context in the request frame,
/// since its connection runs on its own read loop, started before the test's span existed.
/// </summary>
public sealed class RemoteTracingTests
{
    private const string Ns = "Processes.TestProcesses.";

    private static async Task<(ProcessRuntime Runtime, ProcessWorker Worker)> StartWorkerAsync()
    {
        TestProcessCatalog.Register();
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        var worker = new ProcessWorker(runtime, new ProcessWorkerOptions { PipeName = "otel-" + Guid.NewGuid().ToString("N") });
        await worker.StartAsync();
        return (runtime, worker);
    }

    [Fact]
    public async Task One_trace_shows_the_client_call_the_worker_side_the_remote_process_and_its_children()
    {
        var (runtime, worker) = await StartWorkerAsync();
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ProcessClient.ConnectAsync(worker.Options.PipeName);
        using var telemetry = new CapturedTelemetry();
        var root = telemetry.StartTestSpan();
        using (root)
        {
            var result = await client.RunAsync(new RemoteSumOfSquares { Count = 2 });
            Assert.Equal(5, result.Total);
        }

        // The worker ends its spans just after it replies: wait for all thirteen.
        var spans = await telemetry.SpansOfAsync(root, 13);
        Assert.Equal(
            $"""
            test (Internal)
              Processes/Launch (Client) rpc.method=Launch
                Processes/Launch (Server) rpc.method=Launch
                  run {Ns}RemoteSumOfSquares (Internal) processes.process.state=finished processes.process.exit_code=0
                    step {Ns}RemoteSumOfSquares.Collect (Internal) processes.step.attempt=1
                    step {Ns}RemoteSumOfSquares.Collect (Internal) processes.step.attempt=1
                    step {Ns}RemoteSumOfSquares.Finish (Internal) processes.step.attempt=1
                    step {Ns}RemoteSumOfSquares.LaunchSquare (Internal) processes.step.attempt=1
                      run {Ns}RemoteSquare (Internal) processes.process.state=finished processes.process.exit_code=0
                        task {Ns}RemoteSquare (Internal) processes.step.attempt=1
                    step {Ns}RemoteSumOfSquares.LaunchSquare (Internal) processes.step.attempt=1
                      run {Ns}RemoteSquare (Internal) processes.process.state=finished processes.process.exit_code=0
                        task {Ns}RemoteSquare (Internal) processes.step.attempt=1

            """,
            TraceTree.Render(root, spans));
        var server = spans.Single(span => span.Kind == ActivityKind.Server);
        Assert.True(server.HasRemoteParent);
        Assert.Equal(spans.Single(span => span.Kind == ActivityKind.Client).SpanId, server.ParentSpanId);
        Assert.Equal(worker.Options.PipeName, server.GetTagItem("server.address"));
    }

    [Fact]
    public async Task A_remote_failure_is_recorded_on_both_sides_and_the_pending_call_gauge_counts_the_call_in_flight()
    {
        var (runtime, worker) = await StartWorkerAsync();
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ProcessClient.ConnectAsync(worker.Options.PipeName);
        using var telemetry = new CapturedTelemetry();
        var root = telemetry.StartTestSpan();
        using (root)
        {
            var slow = client.RunAsync(new RemoteSquare { X = 3, DelayMs = 300 }).AsTask();
            Assert.Equal(1, telemetry.Sum("processes.remote.call.pending"));
            Assert.Equal(9, (await slow).Result);
            Assert.Equal(0, telemetry.Sum("processes.remote.call.pending"));
            await Assert.ThrowsAsync<ProcessExceptedException>(() => client.RunAsync(new RemoteSquare { X = 4, Mode = RemoteSquare.Throw }).AsTask());
        }

        // The worker ends its spans just after it replies: wait for both calls' server spans.
        await MetricsTests.Eventually(() => telemetry.SpansOf(root).Count(span => span.Kind == ActivityKind.Server) == 2);
        var spans = telemetry.SpansOf(root);
        var failedCalls = spans.Where(span => span.Kind is ActivityKind.Client or ActivityKind.Server && span.Status == ActivityStatusCode.Error).ToList();
        Assert.Equal(2, failedCalls.Count);
        Assert.Contains(failedCalls, span => span.Kind == ActivityKind.Client && (string?)span.GetTagItem("error.type") == typeof(ProcessExceptedException).FullName);
        var failedRun = spans.Single(span => span.DisplayName == "run " + Ns + "RemoteSquare" && span.Status == ActivityStatusCode.Error);
        Assert.Equal("System.InvalidOperationException", failedRun.GetTagItem("error.type"));
        Assert.Equal(ActivityKind.Server, spans.Single(span => span.SpanId == failedRun.ParentSpanId).Kind);
    }

    [Fact]
    public async Task Without_a_listener_a_call_still_carries_the_callers_trace_to_the_worker()
    {
        // The caller's own tracing (not the SDK's source) is what the worker's spans must join.
        var (runtime, worker) = await StartWorkerAsync();
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ProcessClient.ConnectAsync(worker.Options.PipeName);
        using var callerSource = new ActivitySource("Caller." + Guid.NewGuid().ToString("N"));
        using var callerListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == callerSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(callerListener);
        var serverParents = new System.Collections.Concurrent.ConcurrentQueue<(ActivityTraceId Trace, ActivitySpanId Parent)>();
        using var workerListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProcessesDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
            {
                // Only the worker's span is sampled here; the client's own span is not, so the context sent is the caller's.
                if (options.Kind == ActivityKind.Server)
                {
                    serverParents.Enqueue((options.Parent.TraceId, options.Parent.SpanId));
                }

                return options.Kind == ActivityKind.Client ? ActivitySamplingResult.None : ActivitySamplingResult.AllData;
            },
        };
        ActivitySource.AddActivityListener(workerListener);

        using var caller = callerSource.StartActivity("caller")!;
        Assert.Equal(4, (await client.RunAsync(new RemoteSquare { X = 2 })).Result);

        var (trace, parent) = Assert.Single(serverParents);
        Assert.Equal(caller.TraceId, trace);
        Assert.Equal(caller.SpanId, parent);
    }
}
