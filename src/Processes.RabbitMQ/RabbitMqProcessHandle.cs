using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.RabbitMQ;

/// <summary>A handle to a process on some worker: control by id, and waits that follow it from worker to worker.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
internal sealed class RabbitMqProcessHandle<TProcess> : IProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly RabbitMqProcessClient _client;

    internal RabbitMqProcessHandle(RabbitMqProcessClient client, ProcessId id, string name)
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
    public ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default) => _client.WaitForOutputsAsync<TProcess>(Id, sentInputs: null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
    {
        if (progress is null)
        {
            return await WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var reporter = await ProgressReporter.StartAsync(_client, Id, progress, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(cancellationToken).ConfigureAwait(false);
    }

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
    public override string ToString() => $"{Name} {Id} over RabbitMQ";
}
