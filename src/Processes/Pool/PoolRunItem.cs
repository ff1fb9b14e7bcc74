using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>
/// A task run through the pool: the worker runs it inline and answers with its outputs. A task is
/// atomic, so when its worker dies it simply runs again, from its inputs, on another worker.
/// </summary>
internal sealed class PoolRunItem<TProcess> : PoolWorkItem
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly TProcess _process;
    private readonly IProgress<ProcessStatus>? _progress;
    private readonly CancellationToken _callerToken;
    private readonly TaskCompletionSource<TProcess> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PoolRunItem(TProcess process, IProgress<ProcessStatus>? progress, int priority, long sequence, CancellationToken callerToken)
        : base(TProcess.Descriptor.Name, priority, sequence)
    {
        _process = process;
        _progress = progress;
        _callerToken = callerToken;
    }

    public Task<TProcess> Result => _result.Task;

    public override bool CanRunAhead => true;

    public override async Task<PoolWorkOutcome> ExecuteAsync(ProcessClient client, CancellationToken cancellationToken)
    {
        // cancellationToken is the pool's kill: cancelling the remote run stops the task on its worker.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_callerToken, cancellationToken);
        try
        {
            // On a connection with run slots every run goes through them, so they bound what runs at once.
            var run = client.HasRunSlots ? client.RunQueuedAsync(_process, _progress, stop.Token) : client.RunAsync(_process, _progress, stop.Token);
            _result.TrySetResult(await run.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (_callerToken.IsCancellationRequested)
        {
            _result.TrySetCanceled(_callerToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _result.TrySetException(new ProcessPoolClosedException(ProcessName, PoolClosePolicy.Kill, wasRunning: true));
        }
        catch (Exception exception) when (IsWorkerLost(client, exception))
        {
            return PoolWorkOutcome.WorkerLost;
        }
        catch (Exception exception)
        {
            _result.TrySetException(exception);
        }

        return PoolWorkOutcome.Done;
    }

    public override void Drop(Exception reason) => _result.TrySetException(reason);
}
