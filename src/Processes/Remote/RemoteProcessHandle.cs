using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Remote;

/// <summary>A handle to a process running on a worker: its id, status, control and result, over the client's connection.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
internal sealed class RemoteProcessHandle<TProcess> : ClientProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly ProcessClient _client;

    internal RemoteProcessHandle(ProcessClient client, ProcessId id, string name)
        : base(client, id, name)
    {
        _client = client;
    }

    /// <inheritdoc />
    public override ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default) => _client.WaitAsync<TProcess>(Id, null, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default) =>
        _client.WaitAsync<TProcess>(Id, progress, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Id} on {_client.PipeName}";
}
