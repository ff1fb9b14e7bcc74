using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Observability.Tests;

public sealed class MetricsTests
{
    private const string Ns = "Processes.Observability.Tests.";
    private const string Type = ProcessesDiagnostics.ProcessTypeAttribute;
    private const string State = ProcessesDiagnostics.ProcessStateAttribute;

    private static ProcessRuntime NewRuntime() => new(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });

    [Fact]
    public async Task Processes_started_finished_and_failed_are_counted_by_type_and_final_state()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        await runtime.RunAsync(new TracedParent());
        await runtime.RunAsync(new TracedChild { X = 5 });
        await Assert.ThrowsAsync<ProcessExceptedException>(() => runtime.RunAsync(new ThrowingProcess()).AsTask());

        Assert.Equal(1, telemetry.Sum("processes.process.started", (Type, Ns + "TracedParent")));
        Assert.Equal(3, telemetry.Sum("processes.process.started", (Type, Ns + "TracedChild")));
        Assert.Equal(1, telemetry.Sum("processes.process.finished", (Type, Ns + "TracedParent"), (State, "finished")));
        Assert.Equal(3, telemetry.Sum("processes.process.finished", (Type, Ns + "TracedChild"), (State, "finished")));
        Assert.Equal(1, telemetry.Sum("processes.process.finished", (Type, Ns + "ThrowingProcess"), (State, "excepted")));
        Assert.Equal(1, telemetry.Sum("processes.process.failed", (Type, Ns + "ThrowingProcess"), ("error.type", "System.TimeoutException")));
        Assert.Equal(0, telemetry.Sum("processes.process.failed", (Type, Ns + "TracedParent")));
        Assert.Equal("{process}", telemetry.Unit("processes.process.started"));
    }

    [Fact]
    public async Task Every_step_has_a_duration_and_every_checkpoint_a_size_and_a_save_time()
    {
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        await runtime.RunAsync(new TracedParent());

        Assert.Equal(1, telemetry.HistogramCount("processes.step.duration", (Type, Ns + "TracedParent"), (ProcessesDiagnostics.StepNameAttribute, "Launch")));
        Assert.Equal(1, telemetry.HistogramCount("processes.step.duration", (Type, Ns + "TracedParent"), (ProcessesDiagnostics.StepNameAttribute, "Collect")));
        Assert.Equal(2, telemetry.HistogramCount("processes.step.duration", (Type, Ns + "TracedChild")));
        Assert.Equal("s", telemetry.Unit("processes.step.duration"));

        var saves = telemetry.HistogramCount("processes.checkpoint.size", (Type, Ns + "TracedParent"));
        Assert.True(saves >= 2, $"{saves} checkpoints of the parent were measured; it saves at least one at launch and one after its first step.");
        Assert.True(telemetry.HistogramSum("processes.checkpoint.size", (Type, Ns + "TracedParent")) >= saves * 16);
        Assert.Equal(saves, telemetry.HistogramCount("processes.checkpoint.save.duration", (Type, Ns + "TracedParent")));
        Assert.Equal("By", telemetry.Unit("processes.checkpoint.size"));
        Assert.Equal("s", telemetry.Unit("processes.checkpoint.save.duration"));
    }

    [Fact]
    public async Task The_gauges_count_active_and_waiting_processes_and_return_to_zero()
    {
        TestProcessCatalog.Register();
        using var telemetry = new CapturedTelemetry();
        await using var runtime = NewRuntime();
        var parent = await runtime.LaunchAsync(new RemoteSumOfSquares { Count = 1, ChildDelayMs = 60_000 });
        await Eventually(() => parent.State == ProcessState.Waiting);

        // The parent waits for its one child, which runs its delay. The parent can be Waiting
        // a moment before the child's run begins (the child starts on the thread pool), so the
        // gauges are read until they settle rather than once.
        await Eventually(() => telemetry.Sum("processes.process.active") == 2 && telemetry.Sum("processes.process.waiting") == 1);

        await parent.KillAsync("the test is done");
        await parent.WaitForTerminationAsync();
        await Eventually(() => telemetry.Sum("processes.process.active") == 0);
        Assert.Equal(0, telemetry.Sum("processes.process.waiting"));
        Assert.Equal(1, telemetry.Sum("processes.process.finished", (Type, typeof(RemoteSumOfSquares).FullName!), (State, "killed")));
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "The condition did not become true within 20 s.");
            await Task.Delay(20);
        }
    }
}
