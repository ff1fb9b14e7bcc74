using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>Retry policies and time limits: attempts, back-off, filters, overrides, and their durability.</summary>
public sealed class RetryTests
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_task_that_fails_twice_succeeds_on_its_third_attempt()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var result = await runtime.RunAsync(new FlakyTask { Key = key, SucceedOn = 3 });
        Assert.Equal(3, result.Attempt);
        Assert.Equal([1, 2, 3], RetryLog.For(key).Select(run => run.Attempt));
    }

    [Fact]
    public async Task When_the_attempts_run_out_the_last_failure_excepts_the_process()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new FlakyTask { Key = key, SucceedOn = 10 }));
        Assert.Equal(typeof(IOException).FullName, failure.Error.TypeName);
        Assert.Equal("attempt 3 failed", failure.Error.Message);
        Assert.Equal(3, RetryLog.For(key).Count);
    }

    [Fact]
    public async Task An_exception_outside_RetryOn_is_not_retried()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new FlakyTask { Key = key, ThrowOther = true }));
        Assert.Single(RetryLog.For(key));
    }

    [Fact]
    public async Task A_launch_can_give_a_type_without_a_policy_one_and_the_back_off_grows()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var policy = new RetryPolicy { MaxAttempts = 3, Delay = TimeSpan.FromMilliseconds(100), BackoffFactor = 3 };
        var handle = await runtime.LaunchAsync(new PlainFlakyTask { Key = key, SucceedOn = 3 }, new LaunchOptions { Retry = policy });
        Assert.Equal(3, (await handle.WaitAsync()).Attempt);
        var runs = RetryLog.For(key).ToArray();
        Assert.True(runs[1].At - runs[0].At >= TimeSpan.FromMilliseconds(90), $"first back-off was {runs[1].At - runs[0].At}");
        Assert.True(runs[2].At - runs[1].At >= TimeSpan.FromMilliseconds(280), $"second back-off was {runs[2].At - runs[1].At}");

        // Without the launch's policy the same type fails at once.
        await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new PlainFlakyTask { Key = NewKey() }));
    }

    [Fact]
    public async Task A_body_past_its_time_limit_is_cancelled_and_fails_with_a_typed_timeout()
    {
        await using var runtime = new ProcessRuntime();
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new HangingTask()));
        Assert.Equal(typeof(ProcessTimeoutException).FullName, failure.Error.TypeName);
        Assert.Contains("time limit of 00:00:00.0500000", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_is_retried_like_any_failure()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        Assert.Equal(2, (await runtime.RunAsync(new SlowOnceTask { Key = key })).Attempt);
    }

    [Fact]
    public async Task A_failed_step_is_retried_and_the_steps_around_it_run_once()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var result = await runtime.RunAsync(new FlakyStepProcess { Key = key });
        Assert.Equal(3, result.Total);
        Assert.Equal([1, 2], RetryLog.For(key).Select(run => run.Attempt));
    }

    [Fact]
    public async Task A_process_stopped_during_its_back_off_continues_the_same_wait_and_attempt_elsewhere()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        var policy = new RetryPolicy { MaxAttempts = 3, Delay = TimeSpan.FromSeconds(1.5), BackoffFactor = 1 };
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new PlainFlakyTask { Key = key, SucceedOn = 2 }, new LaunchOptions { Retry = policy });
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
            Assert.Contains("attempt 2 of 3", handle.Status.StatusMessage, StringComparison.Ordinal);
        }

        // Stopped mid-wait: the checkpoint says Waiting, with the attempt and the due time.
        var failedAt = RetryLog.For(key).Single().At;
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<PlainFlakyTask>(id);
        Assert.Equal(2, (await continued.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).Attempt);
        var runs = RetryLog.For(key).ToArray();
        Assert.Equal([1, 2], runs.Select(run => run.Attempt));
        Assert.True(runs[1].At - failedAt >= TimeSpan.FromSeconds(1.4), $"the retry ran {runs[1].At - failedAt} after the failure, before it was due");
    }

    [Fact]
    public async Task A_retry_already_due_when_the_process_is_continued_runs_at_once()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        var policy = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.FromMilliseconds(300) };
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new PlainFlakyTask { Key = key }, new LaunchOptions { Retry = policy });
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
        }

        await Task.Delay(400);
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var started = DateTimeOffset.UtcNow;
        var continued = await second.ContinueAsync<PlainFlakyTask>(id);
        Assert.Equal(2, (await continued.WaitAsync()).Attempt);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_kill_during_the_back_off_ends_the_process_at_once()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(
            new PlainFlakyTask { Key = key },
            new LaunchOptions { Retry = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.FromMinutes(10) } });
        await Until(() => handle.State == ProcessState.Waiting);
        await handle.KillAsync("stop retrying");
        var status = await handle.WaitForTerminationAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ProcessState.Killed, status.State);
        Assert.Single(RetryLog.For(key));
    }

    [Fact]
    public void Invalid_policies_are_refused_with_the_rule_they_break()
    {
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { MaxAttempts = 0 }).Message, StringComparison.Ordinal);
        Assert.Contains("must not be negative", Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { Delay = TimeSpan.FromSeconds(-1) }).Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 100", Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { BackoffFactor = 0.5 }).Message, StringComparison.Ordinal);
        Assert.Contains("exception types only", Assert.Throws<ArgumentException>(() => new RetryPolicy { RetryOn = [typeof(string)] }).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchOptions { TimeLimit = TimeSpan.Zero });
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
