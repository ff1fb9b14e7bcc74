using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.RabbitMQ;

/// <summary>A handle to a process on some worker: control by id, and waits that follow it from worker to worker.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
internal sealed class RabbitMqProcessHandle<TProcess> : ClientProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly RabbitMqProcessClient _client;

    internal RabbitMqProcessHandle(RabbitMqProcessClient client, ProcessId id, string name)
        : base(client, id, name)
    {
        _client = client;
    }

    /// <inheritdoc />
    public override ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default) => _client.WaitForOutputsAsync<TProcess>(Id, sentInputs: null, cancellationToken);

    /// <inheritdoc />
    public override async ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
    {
        if (progress is null)
        {
            return await WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var reporter = await ProgressReporter.StartAsync(_client, Id, progress, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Id} over RabbitMQ";
}
