using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Processes.Ports;
using Processes.Runtime;

namespace Processes;

/// <summary>Running a task inline: the fast path of <see cref="ProcessRuntime.RunAsync{TProcess}(TProcess, System.Threading.CancellationToken)"/>.</summary>
public sealed partial class ProcessRuntime
{
    private readonly ObjectPool<InlineTaskHost> _inlineHosts = new DefaultObjectPool<InlineTaskHost>(new InlineTaskHostPolicy());
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    /// <summary>
    /// A task awaited by its caller needs no execution object, handle or checkpoints: validate,
    /// run the body, validate. Same results and exceptions as the full path, without its
    /// allocations. Listeners of <see cref="StateChanged"/> still see the run's changes
    /// (Created → Running, then Running → its end), raised from here with no handle as sender.
    /// </summary>
    // Retries and time limits need the tracked execution (checkpointed attempts, a body token).
    // A single-instance task must be findable by its key while it runs.
    internal static bool CanRunInline(ProcessDescriptor descriptor) =>
        descriptor.Kind == ProcessKind.Task && descriptor.RetryPolicy is null && descriptor.TimeLimit is null && descriptor.Concurrency is null;

    /// <summary>
    /// Raises a state change of an inline run to the runtime's listeners, as the tracked path does
    /// for a task (its id is created on the first change). Nothing is allocated while nobody listens.
    /// </summary>
    private void RaiseInlineStateChanged(InlineTaskHost host, ProcessState from, ProcessState to)
    {
        var listeners = StateChanged;
        if (listeners is null)
        {
            return;
        }

        try
        {
            listeners(null, new ProcessStateChangedEventArgs(host.Id, host.Name, from, to, TimeProvider.GetUtcNow()));
        }
        catch (Exception exception)
        {
            // A listener's bug must not break the run it listens to (as on the tracked path).
            Log.ListenerFailed(host.Logger, exception, host.Name, host.Id);
        }
    }

    internal ValueTask<TProcess> RunInline<TProcess>(ProcessDescriptor<TProcess> descriptor, TProcess process, CancellationToken cancellationToken)
        where TProcess : class
    {
        ThrowIfStopped();
        ValidateInputs(descriptor, process);
        var host = _inlineHosts.Get();
        host.Bind(this, descriptor.Name, LoggerFor(descriptor.Name), cancellationToken);
        host.BeginTelemetry();
        RaiseInlineStateChanged(host, ProcessState.Created, ProcessState.Running);
        ValueTask body;
        try
        {
            body = descriptor.RunAsync(process, host.Context);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TProcess>(InlineFailure(descriptor, host, exception, cancellationToken));
        }

        if (!body.IsCompleted)
        {
            host.ReturnCurrentActivityToCaller();
            return AwaitInline(descriptor, process, host, body, cancellationToken);
        }

        try
        {
            body.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TProcess>(InlineFailure(descriptor, host, exception, cancellationToken));
        }

        return CompleteInline(descriptor, process, host);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TProcess> AwaitInline<TProcess>(
        ProcessDescriptor<TProcess> descriptor, TProcess process, InlineTaskHost host, ValueTask body, CancellationToken cancellationToken)
        where TProcess : class
    {
        try
        {
            await body.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw InlineFailure(descriptor, host, exception, cancellationToken);
        }

        return await CompleteInline(descriptor, process, host).ConfigureAwait(false);
    }

    private ValueTask<TProcess> CompleteInline<TProcess>(ProcessDescriptor<TProcess> descriptor, TProcess process, InlineTaskHost host)
        where TProcess : class
    {
        var errors = ScratchErrors.Validate(descriptor, process, outputs: true);
        if (errors is null)
        {
            host.EndTelemetry(ProcessState.Finished, ProcessExitCodes.Success, exitMessage: null, failure: null);
            RaiseInlineStateChanged(host, ProcessState.Running, ProcessState.Finished);
            _inlineHosts.Return(host);
            return new ValueTask<TProcess>(process);
        }

        var failure = new ProcessFinishedUnsuccessfullyException(
            host.Id, descriptor.Name, ProcessExitCodes.InvalidOutputs, new PortValidationException(descriptor.Name, errors).Message);
        host.EndTelemetry(ProcessState.Finished, ProcessExitCodes.InvalidOutputs, failure.ExitMessage, failure: null);
        RaiseInlineStateChanged(host, ProcessState.Running, ProcessState.Finished);
        _inlineHosts.Return(host);
        return ValueTask.FromException<TProcess>(failure);
    }

    /// <summary>The exception the full path would raise for the same failure.</summary>
    private Exception InlineFailure(ProcessDescriptor descriptor, InlineTaskHost host, Exception exception, CancellationToken cancellationToken)
    {
        Exception failure = exception is OperationCanceledException && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException($"{descriptor.Name} was cancelled by its caller.", exception, cancellationToken)
            : new ProcessExceptedException(host.Id, descriptor.Name, ProcessErrorInfo.From(exception), exception);
        // As the tracked path ends: a caller's cancellation kills the run, an exception makes it except.
        if (failure is OperationCanceledException)
        {
            host.EndTelemetry(ProcessState.Killed, 0, exitMessage: null, failure: null);
            RaiseInlineStateChanged(host, ProcessState.Running, ProcessState.Killed);
        }
        else
        {
            host.EndTelemetry(ProcessState.Excepted, 0, exitMessage: null, exception);
            RaiseInlineStateChanged(host, ProcessState.Running, ProcessState.Excepted);
        }
        _inlineHosts.Return(host);
        return failure;
    }

    internal ILogger LoggerFor(string processName) => _loggers.GetOrAdd(processName, static (name, runtime) => runtime.CreateLogger(name), this);
}
