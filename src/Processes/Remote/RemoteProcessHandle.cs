using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Remote;

/// <summary>A handle to a process running on a worker: its id, status, control and result, over the client's connection.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
internal sealed class RemoteProcessHandle<TProcess> : IProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly ProcessClient _client;

    internal RemoteProcessHandle(ProcessClient client, ProcessId id, string name)
    {
        _client = client;
        Id = id;
        Name = name;
    }

    /// <inheritdoc />
    public ProcessId Id { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<ProcessStatus> GetStatusAsync(CancellationToken cancellationToken = default) => _client.GetStatusAsync(Id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PauseAsync(string? message = null, CancellationToken cancellationToken = default) => _client.PauseAsync(Id, message, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PlayAsync(CancellationToken cancellationToken = default) => _client.PlayAsync(Id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> KillAsync(string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        _client.KillAsync(Id, message, force, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default) => _client.WaitAsync<TProcess>(Id, null, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default) =>
        _client.WaitAsync<TProcess>(Id, progress, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ProcessStatus> WaitForTerminationAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ProcessKilledException or ProcessExceptedException or ProcessFinishedUnsuccessfullyException)
        {
            // Terminated without a result: the status below says how.
        }

        return await GetStatusAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Id} on {_client.PipeName}";
}
