using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Observability.Tests;

/// <summary>A process that waits for "go" between its two steps: its checkpoint is continued elsewhere.</summary>
[Process]
public partial class WaitingForGo
{
    [Output]
    public int Steps { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(First).WaitForEvent("go").Step(Second);

    private void First() => Steps++;

    private void Second() => Steps++;
}

/// <summary>
/// A process continued from its checkpoint by another runtime (another OS process, in production)
/// runs in the continuing caller's trace, and its run span links to the run that wrote the
/// checkpoint: the checkpoint (format 5) carries that run's W3C trace context.
/// </summary>
public sealed class ContinuedTraceTests
{
    private const string RunName = "run Processes.Observability.Tests.WaitingForGo";

    [Fact]
    public async Task The_continued_runs_span_links_to_the_run_that_wrote_the_checkpoint()
    {
        using var telemetry = new CapturedTelemetry();
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        var first = telemetry.StartTestSpan("first");
        using (first)
        {
            await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
            var handle = await runtime.LaunchAsync(new WaitingForGo());
            id = handle.Id;
            for (var i = 0; i < 2000 && handle.State != ProcessState.Waiting; i++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(ProcessState.Waiting, handle.State);
        }

        // A launch has nothing to link to.
        var firstRun = (await RunsEndingWithStepAsync(telemetry, first, "step Processes.Observability.Tests.WaitingForGo.First")).Last();
        Assert.Empty(firstRun.Links);

        var second = telemetry.StartTestSpan("second");
        using (second)
        {
            await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
            var continued = await runtime.ContinueAsync<WaitingForGo>(id);
            await runtime.RaiseEventAsync(id, "go");
            Assert.Equal(2, (await continued.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Steps);
        }

        // The continue and the event may each start a run (a process waiting holds no run open): the
        // first run in the second trace links to the first trace's run, and each later one to the run before it.
        var runs = await RunsEndingWithStepAsync(telemetry, second, "step Processes.Observability.Tests.WaitingForGo.Second");
        Assert.All(runs, run => Assert.Equal(second.TraceId, run.TraceId));
        var previous = firstRun;
        foreach (var run in runs)
        {
            var link = Assert.Single(run.Links);
            Assert.Equal(previous.TraceId, link.Context.TraceId);
            Assert.Equal(previous.SpanId, link.Context.SpanId);
            previous = run;
        }
    }

    /// <summary>The run spans of <paramref name="root"/>'s trace in start order, once the run holding <paramref name="lastStep"/> has ended.</summary>
    private static async Task<System.Collections.Generic.List<System.Diagnostics.Activity>> RunsEndingWithStepAsync(CapturedTelemetry telemetry, System.Diagnostics.Activity root, string lastStep)
    {
        for (var i = 0; i < 2000; i++)
        {
            var spans = telemetry.SpansOf(root);
            if (spans.FirstOrDefault(span => span.DisplayName == lastStep) is { } step && spans.Any(span => span.SpanId == step.ParentSpanId))
            {
                return spans.Where(span => span.DisplayName == RunName).OrderBy(span => span.StartTimeUtc).ToList();
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The run of the last step did not end.");
    }
}
