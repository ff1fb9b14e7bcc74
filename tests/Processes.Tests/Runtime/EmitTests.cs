using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>Outputs emitted by a step before the end: validated, announced, in the status and the checkpoint.</summary>
public sealed class EmitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_emitted_output_is_announced_listed_in_the_status_and_kept_by_the_checkpoint()
    {
        var store = new InMemoryCheckpointStore();
        var seen = new ConcurrentQueue<OutputEmittedEventArgs>();
        ProcessId id;
        await using (var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await runtime.LaunchAsync(new EmitsEarly { Summary = "" }, new LaunchOptions { StartPaused = true });
            handle.OutputEmitted += (_, emitted) => seen.Enqueue(emitted);
            await handle.PlayAsync();
            await Until(() => handle.State == ProcessState.Waiting);
            id = handle.Id;

            var emitted = Assert.Single(seen);
            Assert.Equal("partial_sum", emitted.PortName);
            Assert.Equal(5, emitted.Value);
            Assert.Equal(id, emitted.ProcessId);
            Assert.Equal(["partial_sum"], handle.Status.EmittedOutputs);
        }

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        Assert.Equal(["partial_sum"], (await second.GetStatusAsync(id)).EmittedOutputs);
        var continued = await second.ContinueAsync<EmitsEarly>(id);
        Assert.Equal(5, continued.Process.PartialSum);
        await second.RaiseEventAsync(id, "go");
        Assert.Equal("sum 5", (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Summary);
    }

    [Fact]
    public async Task An_output_is_named_by_its_port_name_too_and_an_unknown_name_fails_the_step()
    {
        await using var runtime = new ProcessRuntime();
        var byPort = await runtime.LaunchAsync(new EmitsEarly { Summary = "", Emit = "partial_sum" });
        await Until(() => byPort.State == ProcessState.Waiting);
        Assert.Equal(["partial_sum"], byPort.Status.EmittedOutputs);
        await byPort.KillAsync();

        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new EmitsEarly { Summary = "", Emit = "nothing" }).AsTask().WaitAsync(Patience));
        Assert.Equal(typeof(ArgumentException).FullName, failure.Error.TypeName);
        Assert.Contains("'nothing'", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_emitted_value_fails_the_step_with_the_port_path()
    {
        await using var runtime = new ProcessRuntime();
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new EmitsEarly { Summary = "", First = 500 }).AsTask().WaitAsync(Patience));
        Assert.Equal(typeof(Processes.Ports.PortValidationException).FullName, failure.Error.TypeName);
        Assert.Contains("outputs.partial_sum", failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("summary", failure.Error.Message, StringComparison.Ordinal);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "the condition did not become true in time");
    }
}
