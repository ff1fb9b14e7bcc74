using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Processes.Diagnostics;

namespace Processes.Runtime;

/// <summary>Running user code (a step or the task body): its attempts under the retry policy and time limit, its span and duration.</summary>
internal abstract partial class ProcessExecution
{
    /// <summary>
    /// Runs one body (the task body, or the step named <paramref name="stepName"/>) under the process's
    /// retry policy and time limit: a failure the policy retries is checkpointed with the next
    /// attempt's number and due time, waited out (state Waiting, no thread held), and run again.
    /// Each attempt gets a span and a duration named by <paramref name="stepName"/> (null: the task body).
    /// </summary>
    /// <remarks>
    /// The common attempt (no retry due, nobody tracing or timing bodies, the save lock free, a body
    /// that returns completed) runs here on the calling thread: no state machine of the general
    /// path below is entered. Anything else goes on there, from where this left off.
    /// </remarks>
    protected ValueTask RunUserCodeAsync<TContext>(Func<TContext, ValueTask> code, TContext context, string? stepName)
    {
        if (_seldom?.RetryDueAt is not null || ProcessesActivities.Source.HasListeners() || ProcessesMetrics.StepDuration.Enabled)
        {
            return RunUserCodeLoopAsync(code, context, stepName, entered: null);
        }

        var entered = EnterStepAsync();
        if (!entered.IsCompletedSuccessfully)
        {
            return RunUserCodeLoopAsync(code, context, stepName, entered);
        }

        ResetLaunchCounts();
        // The body runs in a context of its own, as in the async general path: ambient values
        // (AsyncLocal) a synchronous step sets must not reach the next step, which may as well
        // run in another host after a restart.
        var ambient = ExecutionContext.Capture();
        ValueTask body;
        try
        {
            body = RunLimitedAsync(code, context, stepName);
        }
        catch (Exception exception)
        {
            body = ValueTask.FromException(exception);
        }
        finally
        {
            if (ambient is not null)
            {
                ExecutionContext.Restore(ambient);
            }
        }

        if (!body.IsCompletedSuccessfully || Volatile.Read(ref _seldom) is { BodyServices: not null })
        {
            return EndUserCodeAsync(body, code, context, stepName);
        }

        // Observes the result (a ValueTask backed by a source must be read once).
        body.GetAwaiter().GetResult();
        _stepRunning = false;
        // The next body (the next step) starts again at its first attempt.
        _attempt = 1;
        return default;
    }

    /// <summary>
    /// The general path of <see cref="RunUserCodeAsync"/>: every attempt, with its span, its
    /// duration and its retry. <paramref name="entered"/>: the first attempt's entry into the step,
    /// already begun by the caller (its retry due time was checked there).
    /// </summary>
    private async ValueTask RunUserCodeLoopAsync<TContext>(Func<TContext, ValueTask> code, TContext context, string? stepName, ValueTask? entered)
    {
        while (true)
        {
            if (entered is { } begun)
            {
                entered = null;
                await begun.ConfigureAwait(false);
            }
            else
            {
                if (_seldom?.RetryDueAt is { } due)
                {
                    await WaitForRetryAsync(due).ConfigureAwait(false);
                }

                await EnterStepAsync().ConfigureAwait(false);
            }

            ResetLaunchCounts();
            Exception? retried = null;
            var activity = ProcessesActivities.StartBody(Name, Id, stepName, Math.Max(1, _attempt));
            var startedAt = ProcessesMetrics.StepDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
            try
            {
                await RunLimitedAsync(code, context, stepName).ConfigureAwait(false);
            }
            catch (Exception exception) when (RecordFailure(activity, exception) && ShouldRetry(exception))
            {
                retried = exception;
            }
            finally
            {
                activity?.Dispose();
                if (startedAt != 0)
                {
                    RecordStepDuration(startedAt, stepName);
                }

                await EndStepAsync().ConfigureAwait(false);
            }

            if (retried is null)
            {
                // The next body (the next step) starts again at its first attempt.
                _attempt = 1;
                return;
            }

            await ScheduleRetryAsync(retried, stepName).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The rest of an attempt <see cref="RunUserCodeAsync"/> started without a span or a duration:
    /// the body that did not complete at once (or failed), then what the general path does after it.
    /// </summary>
    private async ValueTask EndUserCodeAsync<TContext>(ValueTask body, Func<TContext, ValueTask> code, TContext context, string? stepName)
    {
        Exception? retried = null;
        try
        {
            await body.ConfigureAwait(false);
        }
        catch (Exception exception) when (ShouldRetry(exception))
        {
            retried = exception;
        }
        finally
        {
            await EndStepAsync().ConfigureAwait(false);
        }

        if (retried is null)
        {
            _attempt = 1;
            return;
        }

        await ScheduleRetryAsync(retried, stepName).ConfigureAwait(false);
        await RunUserCodeLoopAsync(code, context, stepName, entered: null).ConfigureAwait(false);
    }

    /// <summary>After an attempt, whatever its outcome: the step no longer runs, and the services it used go.</summary>
    private ValueTask EndStepAsync()
    {
        _stepRunning = false;
        return Volatile.Read(ref _seldom) is { BodyServices: not null } seldom && Interlocked.Exchange(ref seldom.BodyServices, null) is { } services
            ? services.DisposeAsync()
            : default;
    }

    /// <summary>Records a failed attempt on its span; always true, so it can sit in an exception filter and see every failure, retried or not.</summary>
    private static bool RecordFailure(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            ProcessesActivities.RecordException(activity, exception);
        }

        return true;
    }

    private void RecordStepDuration(long startedAt, string? stepName)
    {
        var seconds = ProcessesMetrics.SecondsSince(startedAt);
        if (stepName is null)
        {
            ProcessesMetrics.StepDuration.Record(seconds, ProcessesMetrics.TypeTag(Name));
        }
        else
        {
            ProcessesMetrics.StepDuration.Record(seconds, ProcessesMetrics.TypeTag(Name), new(ProcessesDiagnostics.StepNameAttribute, stepName));
        }
    }
}
