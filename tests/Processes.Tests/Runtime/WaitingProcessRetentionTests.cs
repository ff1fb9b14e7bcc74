using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// What a process keeps alive while one of its steps waits (issue 15's process-scale: 100,000
/// such processes at once). Everything it holds then survives collections and is marked by each
/// full one, so objects that only some callers need are created only when they ask.
/// </summary>
public sealed class WaitingProcessRetentionTests
{
    [Fact]
    public async Task A_run_waiting_in_a_step_has_no_handle_nor_rare_fields_until_someone_asks()
    {
        await using var runtime = NewRuntime(new InMemoryCheckpointStore());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource<ProcessId>(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = TestHooks.Register((step, process, context) =>
        {
            waiting.TrySetResult(context.ProcessId);
            return new ValueTask(gate.Task);
        });

        var run = runtime.RunAsync(new Countdown { From = 1, Script = script });
        var id = await waiting.Task.Within();
        var execution = runtime.FindLive(id);
        Assert.NotNull(execution);
        Assert.False(execution.HasSeldomFields, "RunAsync's wait created the handle (and the rare fields that keep it)");

        // Asking for the process by id still gives a handle that controls it.
        Assert.True(runtime.TryGetProcess(id, out var handle));
        Assert.Equal(ProcessState.Running, handle!.State);
        Assert.True(execution.HasSeldomFields);

        gate.SetResult();
        var finished = await run.AsTask().Within();
        Assert.Equal([1], finished.Counted);
    }
}
