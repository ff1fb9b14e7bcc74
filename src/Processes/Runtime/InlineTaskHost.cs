using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Diagnostics;

namespace Processes.Runtime;

/// <summary>
/// The context host of a task run inline by <see cref="ProcessRuntime.RunAsync{TProcess}(TProcess, System.Threading.CancellationToken)"/>: no
/// execution object, no state machine, no checkpoint. Pooled, so the synchronous path of a task
/// allocates nothing; it is bound to one run at a time and reset afterwards.
/// </summary>
internal sealed class InlineTaskHost : IProcessContextHost
{
    private ProcessRuntime? _runtime;
    private ProcessId? _id;
    private string _name = string.Empty;
    private ILogger? _logger;
    private CancellationToken _cancellationToken;
    private BodyServiceScope? _services;
    private Activity? _callerActivity;
    private Activity? _runActivity;
    private Activity? _bodyActivity;
    private long _startedAt;

    public InlineTaskHost() => Context = new TaskContext(this);

    public TaskContext Context { get; }

    /// <summary>A process id exists only if the body asks for one; most never do.</summary>
    public ProcessId Id => _id ??= ProcessId.New();

    public string Name => _name;

    public CancellationToken CancellationToken => _cancellationToken;

    public ILogger Logger => _logger ?? throw Unbound();

    public IServiceProvider Services => (_services ??= BodyServiceScope.For(_runtime ?? throw Unbound(), _name)).Provider;

    public string? StatusMessage { get; private set; }

    public ISharedStateClient SharedStates => (_runtime ?? throw Unbound()).CreateSharedStateClient("task:" + _name);

    // A task with a retry policy never runs inline (see ProcessRuntime.CanRunInline).
    public int Attempt => 1;

    public void RequestExit(int exitCode, string? message) => throw new InvalidOperationException("Only a process step can end its process early.");

    public DateTimeOffset UtcNow => (_runtime ?? throw Unbound()).TimeProvider.GetUtcNow();

    public void StartTimer(DateTimeOffset due) => throw new InvalidOperationException("Only a running process step can start a timer.");

    public void WaitForEvent(string eventName, DateTimeOffset? deadline) => throw new InvalidOperationException("Only a running process step can wait for an event.");

    public bool TryGetEvent(string eventName, out ProcessEventRecord? record)
    {
        record = null;
        return false;
    }

    public void Bind(ProcessRuntime runtime, string name, ILogger logger, CancellationToken cancellationToken)
    {
        _runtime = runtime;
        _name = name;
        _logger = logger;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Starts what the tracked path reports for a run: its spans (a run span and, under it, the
    /// task body's), the started count and the active gauge. While nobody listens this is one
    /// interlocked add and a few checks, so the inline path stays allocation-free.
    /// </summary>
    public void BeginTelemetry()
    {
        ProcessesMetrics.ProcessActivated(1);
        if (ProcessesMetrics.Started.Enabled)
        {
            ProcessesMetrics.Started.Add(1, ProcessesMetrics.TypeTag(_name));
        }

        var caller = Activity.Current;
        if (ProcessesActivities.StartRun(_name, Id) is { } run)
        {
            _callerActivity = caller;
            _runActivity = run;
            _bodyActivity = ProcessesActivities.StartBody(_name, Id, stepName: null, attempt: 1);
        }

        _startedAt = ProcessesMetrics.StepDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
    }

    /// <summary>
    /// Makes the caller's activity current again when the body goes on asynchronously: the inline
    /// path is no async method, so the spans it started would otherwise stay current for the
    /// caller after it returns. The body's own continuations keep its span.
    /// </summary>
    public void ReturnCurrentActivityToCaller()
    {
        if (_runActivity is not null)
        {
            Activity.Current = _callerActivity;
        }
    }

    /// <summary>Ends what <see cref="BeginTelemetry"/> started: the run ended in <paramref name="state"/>, having thrown <paramref name="failure"/> if it excepted.</summary>
    public void EndTelemetry(ProcessState state, int exitCode, string? exitMessage, Exception? failure)
    {
        if (_startedAt != 0)
        {
            ProcessesMetrics.StepDuration.Record(ProcessesMetrics.SecondsSince(_startedAt), ProcessesMetrics.TypeTag(_name));
        }

        if (_bodyActivity is { } body)
        {
            if (failure is not null)
            {
                ProcessesActivities.RecordException(body, failure);
            }

            body.Dispose();
        }

        if (_runActivity is { } run)
        {
            if (failure is not null)
            {
                ProcessesActivities.RecordException(run, failure);
            }

            ProcessesActivities.EndRun(run, state, detached: false, exitCode, exitMessage);
        }

        if (ProcessesMetrics.Finished.Enabled)
        {
            ProcessesMetrics.Finished.Add(1, ProcessesMetrics.TypeTag(_name), new(ProcessesDiagnostics.ProcessStateAttribute, ProcessStateNames.Of(state)));
        }

        if (failure is not null && state == ProcessState.Excepted && ProcessesMetrics.Failed.Enabled)
        {
            ProcessesMetrics.Failed.Add(1, ProcessesMetrics.TypeTag(_name), new("error.type", failure.GetType().FullName));
        }

        ProcessesMetrics.ProcessActivated(-1);
        _callerActivity = null;
        _runActivity = null;
        _bodyActivity = null;
        _startedAt = 0;
    }

    public void Unbind()
    {
        if (_services is { } services)
        {
            // The inline path completes synchronously; a scope whose services dispose
            // asynchronously finishes that in the background rather than making every run async.
            _services = null;
            var disposed = services.DisposeAsync();
            if (!disposed.IsCompletedSuccessfully)
            {
                _ = disposed.AsTask();
            }
        }

        _runtime = null;
        _id = null;
        _name = string.Empty;
        _logger = null;
        _cancellationToken = default;
        StatusMessage = null;
    }

    public void ReportStatus(string? message) => StatusMessage = message;

    // An inline run has no handle, status or checkpoint to show an emission in.
    public void EmitOutput(string outputName) => ArgumentException.ThrowIfNullOrWhiteSpace(outputName);

    public ValueTask<TChild> RunChildAsync<TChild>(TChild child, CancellationToken cancellationToken)
        where TChild : class, IProcessDefinition<TChild> =>
        (_runtime ?? throw Unbound()).RunAsync(child, cancellationToken);

    // A chunk run inline (a client's run of a map chunk) runs its items as the runtime runs any task.
    public ValueTask<TItem> RunMapItemAsync<TItem>(ProcessDescriptor<TItem> descriptor, TItem item, CancellationToken cancellationToken)
        where TItem : class
    {
        var runtime = _runtime ?? throw Unbound();
        return ProcessRuntime.CanRunInline(descriptor)
            ? runtime.RunInline(descriptor, item, cancellationToken)
            : runtime.RunTracked(descriptor, item, cancellationToken);
    }

    // A TaskContext exposes neither; only a process step (StepContext) launches tracked children.
    public ProcessId LaunchChild<TChild>(string key, TChild child, ChildFlags flags = ChildFlags.None, int parallelism = 0)
        where TChild : class, IProcessDefinition<TChild> => throw new InvalidOperationException("A task cannot launch tracked children.");

    public bool TryGetChildFailure(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcessStatus? status, out Exception? localException)
    {
        status = null;
        localException = null;
        return false;
    }

    public TChild GetChild<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild> => throw new InvalidOperationException("A task has no tracked children.");

    public bool TryGetChild<TChild>(string key, out TChild? child)
        where TChild : class, IProcessDefinition<TChild>
    {
        child = null;
        return false;
    }

    public bool HasChild(string key) => false;

    public void ForgetChild(string key)
    {
    }

    private static InvalidOperationException Unbound() =>
        new("This task context is no longer valid: a TaskContext may only be used while its task body runs.");
}
