using System;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>StepContext.Exit: a step ends its process with an exit code computed at run time.</summary>
public sealed class ExitTests
{
    [Fact]
    public async Task A_non_zero_exit_finishes_unsuccessfully_with_the_code_and_message_and_skips_later_steps()
    {
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new EarlyExit { Code = 21 });
        var failure = await Assert.ThrowsAsync<ProcessFinishedUnsuccessfullyException>(async () => await handle.WaitAsync());
        Assert.Equal(42, failure.ExitCode);
        Assert.Equal("decided 42", (await handle.GetStatusAsync()).ExitMessage);
        Assert.Equal(1, handle.Process.Reached);
        Assert.Equal(ProcessState.Finished, handle.State);
    }

    [Fact]
    public async Task A_zero_exit_finishes_successfully_without_the_later_steps()
    {
        await using var runtime = new ProcessRuntime();
        Assert.Equal(1, (await runtime.RunAsync(new EarlyExit { Code = 0 })).Reached);
    }

    [Fact]
    public async Task A_step_that_started_children_cannot_end_the_process()
    {
        await using var runtime = new ProcessRuntime();
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new ExitWithChild()));
        Assert.Contains("started children cannot end the process", failure.Error.Message, StringComparison.Ordinal);
    }
}
