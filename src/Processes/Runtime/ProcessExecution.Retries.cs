using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>Durable timers, retry policies and time limits of a live process: the waits a run makes between attempts and steps.</summary>
internal abstract partial class ProcessExecution
{
    /// <summary>When the durable timer a step set runs out (null: none); checkpointed with the step.</summary>
    protected DateTimeOffset? TimerDueAt => _seldom?.TimerDueAt;

    /// <summary>
    /// After the step that set it: waits (state Waiting, no thread held) until the timer's due
    /// time, which a continued process keeps. False when the process must not go on.
    /// </summary>
    protected async ValueTask<bool> WaitForTimerAsync(DateTimeOffset due)
    {
        if (State == ProcessState.Running && !TryTransition(ProcessState.Waiting))
        {
            return false;
        }

        await DurableDelay.UntilAsync(Runtime.TimeProvider, due, CancellationToken).ConfigureAwait(false);
        Seldom.TimerDueAt = null;
        return true;
    }

    DateTimeOffset IProcessContextHost.UtcNow => Runtime.TimeProvider.GetUtcNow();

    /// <summary>The exit a step asked for (<c>StepContext.Exit</c>), taken once the step has returned.</summary>
    protected BodyResult? RequestedExit => _seldom?.RequestedExit;

    void IProcessContextHost.RequestExit(int exitCode, string? message)
    {
        if (!_stepRunning || Descriptor.Kind != ProcessKind.Process)
        {
            throw new InvalidOperationException("Only a running process step can end its process early.");
        }

        if (HasAwaitedChildren)
        {
            // Nothing would wait for them, and a crash before the end would forget the exit.
            throw new InvalidOperationException($"A step of {Name} that started children cannot end the process; end it in a later step, once they have finished.");
        }

        Seldom.RequestedExit = new BodyResult(exitCode, message);
    }

    void IProcessContextHost.StartTimer(DateTimeOffset due)
    {
        if (!_stepRunning || Descriptor.Kind != ProcessKind.Process)
        {
            throw new InvalidOperationException("Only a running process step can start a timer.");
        }

        Seldom.TimerDueAt = TimerDueAt is { } earlier && earlier > due ? earlier : due;
    }

    /// <summary>The retry policy that applies: the launch's own, else the type's.</summary>
    private RetryPolicy? EffectiveRetryPolicy => _seldom?.RetryOverride ?? Descriptor.RetryPolicy;

    /// <summary>The attempt number of the body running now (1 = the first).</summary>
    public int Attempt => _attempt;

    private bool ShouldRetry(Exception exception) =>
        EffectiveRetryPolicy is { } policy
        && _attempt < policy.MaxAttempts
        && !IsCancellationRequested
        && !Runtime.IsStopped
        && exception is not (ProcessDetachedException or CheckpointSaveFailedException or LeaseLostException or OperationCanceledException)
        && policy.Matches(exception);

    /// <summary>
    /// Runs the body under the time limit, if there is one. Without one the body's own ValueTask is
    /// returned as it is: a step that waits keeps no state machine of this method alive.
    /// </summary>
    private ValueTask RunLimitedAsync<TContext>(Func<TContext, ValueTask> code, TContext context, string? stepName) =>
        (_seldom?.TimeLimitOverride ?? Descriptor.TimeLimit) is { } limit ? RunWithTimeLimitAsync(code, context, stepName, limit) : code(context);

    private async ValueTask RunWithTimeLimitAsync<TContext>(Func<TContext, ValueTask> code, TContext context, string? stepName, TimeSpan limit)
    {
        using var timer = new CancellationTokenSource(limit, Runtime.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, timer.Token);
        Volatile.Write(ref Seldom.BodyCancellation, linked);
        try
        {
            await code(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException cancelled) when (timer.IsCancellationRequested && !IsCancellationRequested)
        {
            throw new ProcessTimeoutException(Name, DescribeBody(stepName), limit, cancelled);
        }
        finally
        {
            Volatile.Write(ref Seldom.BodyCancellation, null);
        }
    }

    CancellationToken IProcessContextHost.CancellationToken =>
        (Volatile.Read(ref _seldom) is { } seldom ? Volatile.Read(ref seldom.BodyCancellation) : null)?.Token ?? CancellationToken;

    /// <summary>How errors and logs name a body; built only when one is reported, not on every step.</summary>
    private static string DescribeBody(string? stepName) => stepName is null ? "the task body" : "step " + stepName;

    private async ValueTask ScheduleRetryAsync(Exception failure, string? stepName)
    {
        var body = DescribeBody(stepName);
        var policy = EffectiveRetryPolicy!;
        var next = _attempt + 1;
        var due = Runtime.TimeProvider.GetUtcNow() + policy.BackoffBefore(next);
        lock (this)
        {
            _attempt = next;
            Seldom.RetryDueAt = due;
            Seldom.StatusMessage = $"{body} failed ({failure.GetType().Name}: {failure.Message}); attempt {next} of {policy.MaxAttempts} at {due:O}";
        }

        Log.RetryScheduled(Logger, failure, Name, Id, body, next, policy.MaxAttempts, due);
        if (State == ProcessState.Running && !TryTransition(ProcessState.Waiting))
        {
            throw new OperationCanceledException("The process ended while a retry was being scheduled.", failure);
        }

        // Durable before the wait: a crash or a stop during the back-off continues this wait.
        await SaveCheckpointAsync(unlessTerminated: true).ConfigureAwait(false);
    }

    /// <summary>Waits (state Waiting, no thread held) until a retry is due, then goes on in state Running.</summary>
    private async ValueTask WaitForRetryAsync(DateTimeOffset due)
    {
        if (State == ProcessState.Running && !TryTransition(ProcessState.Waiting))
        {
            throw new OperationCanceledException("The process ended before its retry.");
        }

        await DurableDelay.UntilAsync(Runtime.TimeProvider, due, CancellationToken).ConfigureAwait(false);
        if (!await PassBoundaryAsync().ConfigureAwait(false) || !TryTransition(ProcessState.Running))
        {
            throw new OperationCanceledException("The process was stopped before its retry.", CancellationToken);
        }

        Seldom.RetryDueAt = null;
    }
}
