using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Observability.Tests;

public sealed class TracingTests
{
    /// <summary>The namespace in the registered names of the test processes, which span names use.</summary>
    private const string Ns = "Processes.Observability.Tests.";

    private static ProcessRuntime NewRuntime() => new(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });

    [Fact]
    public async Task A_process_run_is_a_span_with_a_span_per_step_and_its_childrens_runs_under_the_step_that_launched_them()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        var root = telemetry.StartTestSpan();
        using (root)
        {
            var parent = await runtime.RunAsync(new TracedParent());
            Assert.Equal(6, parent.Sum);
        }

        Assert.Equal(
            $"""
            test (Internal)
              run {Ns}TracedParent (Internal) processes.process.state=finished processes.process.exit_code=0
                step {Ns}TracedParent.Collect (Internal) processes.step.attempt=1
                step {Ns}TracedParent.Launch (Internal) processes.step.attempt=1
                  run {Ns}TracedChild (Internal) processes.process.state=finished processes.process.exit_code=0
                    task {Ns}TracedChild (Internal) processes.step.attempt=1
                  run {Ns}TracedChild (Internal) processes.process.state=finished processes.process.exit_code=0
                    task {Ns}TracedChild (Internal) processes.step.attempt=1

            """,
            TraceTree.Render(root, await telemetry.SpansOfAsync(root, 8)));
    }

    [Fact]
    public async Task The_run_span_carries_the_process_id_and_type()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        var root = telemetry.StartTestSpan();
        ProcessId id;
        using (root)
        {
            var handle = await runtime.LaunchAsync(new TracedParent());
            id = handle.Id;
            await handle.WaitAsync();
        }

        var run = (await telemetry.SpansOfAsync(root, 8)).Single(span => span.DisplayName == "run " + Ns + "TracedParent");
        Assert.Equal(id.ToString(), run.GetTagItem(ProcessesDiagnostics.ProcessIdAttribute));
        Assert.Equal(Ns + "TracedParent", run.GetTagItem(ProcessesDiagnostics.ProcessTypeAttribute));
        Assert.Equal(ActivityKind.Internal, run.Kind);
    }

    [Fact]
    public async Task An_exception_in_a_step_is_recorded_on_the_step_and_the_run_as_OpenTelemetry_says()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        var root = telemetry.StartTestSpan();
        using (root)
        {
            await Assert.ThrowsAsync<ProcessExceptedException>(() => runtime.RunAsync(new ThrowingProcess()).AsTask());
        }

        var spans = await telemetry.SpansOfAsync(root, 3);
        Assert.Equal(
            $"""
            test (Internal)
              run {Ns}ThrowingProcess (Internal) processes.process.state=excepted error.type=System.TimeoutException status=Error [exception System.TimeoutException]
                step {Ns}ThrowingProcess.Explode (Internal) processes.step.attempt=1 error.type=System.TimeoutException status=Error [exception System.TimeoutException]

            """,
            TraceTree.Render(root, spans));
        var step = spans.Single(span => span.DisplayName == "step " + Ns + "ThrowingProcess.Explode");
        Assert.Equal("The step gave up on purpose.", step.StatusDescription);
        var exception = step.Events.Single(e => e.Name == "exception");
        Assert.Equal("The step gave up on purpose.", exception.Tags.Single(tag => tag.Key == "exception.message").Value);
        Assert.Contains(nameof(ThrowingProcess), (string)exception.Tags.Single(tag => tag.Key == "exception.stacktrace").Value!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_child_excepts_its_parent_and_both_runs_say_so()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        var root = telemetry.StartTestSpan();
        using (root)
        {
            await Assert.ThrowsAsync<ProcessExceptedException>(() => runtime.RunAsync(new TracedParent { FailSecondChild = true }).AsTask());
        }

        var spans = await telemetry.SpansOfAsync(root, 7);
        var failedChild = spans.Single(span => span.DisplayName == "run " + Ns + "TracedChild" && (string?)span.GetTagItem(ProcessesDiagnostics.ProcessStateAttribute) == "excepted");
        Assert.Equal(ActivityStatusCode.Error, failedChild.Status);
        Assert.Equal("System.InvalidOperationException", failedChild.GetTagItem("error.type"));
        var parent = spans.Single(span => span.DisplayName == "run " + Ns + "TracedParent");
        Assert.Equal("excepted", parent.GetTagItem(ProcessesDiagnostics.ProcessStateAttribute));
        Assert.Equal(ActivityStatusCode.Error, parent.Status);
    }

    [Fact]
    public async Task The_callers_span_stays_current_around_an_inline_task_that_goes_asynchronous()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        using var root = telemetry.StartTestSpan();
        var pending = runtime.RunAsync(new Processes.TestProcesses.RemoteSquare { X = 2, DelayMs = 50 });
        Assert.Same(root, Activity.Current);
        Assert.Equal(4, (await pending).Result);
        Assert.Same(root, Activity.Current);
    }

    [Fact]
    public async Task A_task_run_inline_reports_the_same_spans_as_a_tracked_run()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        var root = telemetry.StartTestSpan();
        using (root)
        {
            Assert.Equal(6, (await runtime.RunAsync(new TracedChild { X = 3 })).Doubled);
            await Assert.ThrowsAsync<ProcessExceptedException>(() => runtime.RunAsync(new TracedChild { X = 4, Fail = true }).AsTask());
        }

        Assert.Equal(
            $"""
            test (Internal)
              run {Ns}TracedChild (Internal) processes.process.state=excepted error.type=System.InvalidOperationException status=Error [exception System.InvalidOperationException]
                task {Ns}TracedChild (Internal) processes.step.attempt=1 error.type=System.InvalidOperationException status=Error [exception System.InvalidOperationException]
              run {Ns}TracedChild (Internal) processes.process.state=finished processes.process.exit_code=0
                task {Ns}TracedChild (Internal) processes.step.attempt=1

            """,
            TraceTree.Render(root, await telemetry.SpansOfAsync(root, 5)));
    }
}
