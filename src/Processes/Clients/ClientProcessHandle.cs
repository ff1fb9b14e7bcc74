using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// The part of a transport's handle that is the same everywhere: id, name, and control by id
/// through the client. A transport adds how it waits for the outputs.
/// </summary>
/// <typeparam name="TProcess">The process class.</typeparam>
internal abstract class ClientProcessHandle<TProcess> : IProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly IProcessClient _client;

    protected ClientProcessHandle(IProcessClient client, ProcessId id, string name)
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
    public abstract ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default);

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
}
