using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>
/// A chain in one slot: its tasks run one after another on the worker. If the worker dies, the
/// chain goes back to the queue and goes on from the task that was running (those that ended keep
/// their outputs) on another worker.
/// </summary>
internal sealed class PoolChainItem : PoolWorkItem
{
    private readonly IReadOnlyList<ChainLink> _links;
    private readonly List<object> _results = new();
    private readonly CancellationToken _callerToken;
    private readonly TaskCompletionSource<ChainResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PoolChainItem(ProcessChain chain, int priority, long sequence, CancellationToken callerToken)
        : base(chain.Count == 0 ? "chain" : "chain of " + chain.Links[0].Name, priority, sequence)
    {
        _links = new List<ChainLink>(chain.Links);
        _callerToken = callerToken;
    }

    public Task<ChainResult> Result => _result.Task;

    public override async Task<PoolWorkOutcome> ExecuteAsync(ProcessClient client, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_callerToken, cancellationToken);
        while (_results.Count < _links.Count)
        {
            var link = _links[_results.Count];
            try
            {
                _results.Add(await link.RunAsync(client, stop.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (_callerToken.IsCancellationRequested)
            {
                _result.TrySetCanceled(_callerToken);
                return PoolWorkOutcome.Done;
            }
            catch (Exception exception) when (IsWorkerLost(client, exception))
            {
                return PoolWorkOutcome.WorkerLost;
            }
            catch (Exception exception)
            {
                var error = exception is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? new ProcessPoolClosedException(link.Name, PoolClosePolicy.Kill, wasRunning: true)
                    : exception;
                _result.TrySetException(Failed(error));
                return PoolWorkOutcome.Done;
            }
        }

        _result.TrySetResult(new ChainResult(_results.ToArray()));
        return PoolWorkOutcome.Done;
    }

    public override void Drop(Exception reason) => _result.TrySetException(_results.Count == 0 ? reason : Failed(reason));

    private ProcessChainFailedException Failed(Exception error)
    {
        var failed = _results.Count;
        var completed = new List<string>(failed);
        var notRun = new List<string>();
        for (var i = 0; i < _links.Count; i++)
        {
            if (i < failed)
            {
                completed.Add(_links[i].Name);
            }
            else if (i > failed)
            {
                notRun.Add(_links[i].Name);
            }
        }

        return new ProcessChainFailedException(failed, _links[failed].Name, completed, notRun, error);
    }
}
