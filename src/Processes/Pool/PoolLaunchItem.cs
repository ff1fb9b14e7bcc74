using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>
/// A launched (or continued) process: placed on a worker, it holds its slot until it terminates.
/// Its first turn launches it under the id the pool chose; every later turn (its worker died)
/// continues it from its checkpoint on another worker, or launches it again from its inputs when
/// it never stored one (a task launched as such is atomic: it runs again whole).
/// </summary>
internal sealed class PoolLaunchItem<TProcess> : PoolWorkItem
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly TProcess? _process;
    private readonly LaunchOptions _options;
    private readonly ContinueOptions _resumeOptions;
    private ContinueOptions? _firstContinue;
    private bool _placedBefore;

    /// <summary>
    /// A launch (<paramref name="process"/> set), or a continue of a stored process
    /// (<paramref name="process"/> null, <paramref name="firstContinue"/> the caller's options).
    /// <paramref name="resumeOptions"/> continue it after its worker died.
    /// </summary>
    public PoolLaunchItem(PoolProcessHandle<TProcess> handle, TProcess? process, LaunchOptions options, ContinueOptions? firstContinue, ContinueOptions resumeOptions, long sequence)
        : base(TProcess.Descriptor.Name, options.Priority, sequence)
    {
        Handle = handle;
        _process = process;
        _options = options with { Id = handle.Id };
        _firstContinue = firstContinue;
        _resumeOptions = resumeOptions;
        _placedBefore = process is null;
    }

    public PoolProcessHandle<TProcess> Handle { get; }

    public override ProcessId? Id => Handle.Id;

    public override IProcessHandle? PlacedHandle => Handle;

    public override async Task<PoolWorkOutcome> ExecuteAsync(ProcessClient client, CancellationToken cancellationToken)
    {
        IProcessHandle<TProcess> remote;
        try
        {
            remote = await PlaceAsync(client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsWorkerLost(client, exception))
        {
            return PoolWorkOutcome.WorkerLost;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The pool closed with Kill while the launch was on its way.
            Handle.Fail(new ProcessPoolClosedException(ProcessName, PoolClosePolicy.Kill));
            return PoolWorkOutcome.Done;
        }
        catch (Exception exception)
        {
            Handle.Fail(exception);
            return PoolWorkOutcome.Done;
        }

        Handle.Assign(remote, client);
        try
        {
            // The end and the outputs are fetched while the worker is still connected, so the
            // handle can answer after the worker has stopped (the pool closed) or moved on.
            var status = await remote.WaitForTerminationAsync(CancellationToken.None).ConfigureAwait(false);
            Handle.Finish(status, await OutputsAsync(remote).ConfigureAwait(false));
        }
        catch (Exception exception) when (IsWorkerLost(client, exception))
        {
            Handle.Unassign();
            return PoolWorkOutcome.WorkerLost;
        }

        return PoolWorkOutcome.Done;
    }

    public override void Drop(Exception reason) => Handle.Fail(reason);

    /// <summary>The outputs, or the typed failure, as a completed task; a broken connection throws.</summary>
    private static async Task<Task<TProcess>> OutputsAsync(IProcessHandle<TProcess> remote)
    {
        try
        {
            return Task.FromResult(await remote.WaitAsync(CancellationToken.None).ConfigureAwait(false));
        }
        catch (RemoteProcessException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return Task.FromException<TProcess>(exception);
        }
    }

    private async Task<IProcessHandle<TProcess>> PlaceAsync(ProcessClient client, CancellationToken cancellationToken)
    {
        if (!_placedBefore)
        {
            // Set before the call: if the worker dies after launching but before answering, the
            // next turn must continue the launched process, not launch the id a second time.
            _placedBefore = true;
            return await client.LaunchAsync(_process!, _options, cancellationToken).ConfigureAwait(false);
        }

        var options = _firstContinue ?? _resumeOptions;
        _firstContinue = null;
        try
        {
            return await client.ContinueAsync<TProcess>(Handle.Id, options, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointNotFoundException) when (_process is not null)
        {
            return await client.LaunchAsync(_process, _options, cancellationToken).ConfigureAwait(false);
        }
    }
}
