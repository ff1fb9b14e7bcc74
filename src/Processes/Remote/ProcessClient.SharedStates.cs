using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>The worker's shared states, over this client's connection.</summary>
public sealed partial class ProcessClient
{
    private ISharedStateClient? _sharedStates;

    /// <summary>
    /// The shared states the worker owns (<c>docs/concepts/shared-state.md</c>), written under a
    /// name unique to this client (<c>client:&lt;guid&gt;</c>). Updates are compare-and-set: the
    /// delegate runs here and may run again when another update came first.
    /// </summary>
    public ISharedStateClient SharedStates => _sharedStates ??= CreateSharedStateClient("client:" + Guid.NewGuid().ToString("N"));

    /// <summary>A client of the worker's shared states that writes under <paramref name="writer"/> (watches skip its own changes unless asked).</summary>
    public ISharedStateClient CreateSharedStateClient(string writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(writer);
        return new RemoteSharedStateClient(this, writer);
    }

    internal Task<Frame> CallSharedStateAsync(FrameType type, Action<ProcessWriter> payload, CancellationToken cancellationToken)
    {
        if ((_workerFeatures & WorkerFeatures.SharedStates) == 0)
        {
            throw new NotSupportedException($"The worker on pipe '{PipeName}' does not serve shared states (it predates them).");
        }

        if (type == FrameType.SharedStateApply && (_workerFeatures & WorkerFeatures.SharedStateOperations) == 0)
        {
            throw new NotSupportedException($"The worker on pipe '{PipeName}' does not run declared shared state operations (it predates them); update with a delegate instead.");
        }

        return CallAsync(type, FrameFlags.None, payload, null, cancellationToken);
    }

    internal static T ReadSharedStateReply<T>(Frame reply, FrameType call, SharedStatePayloadReader<T> read) =>
        ClientFrames.ReadReply(reply, call, (ref ProcessReader reader) => read(ref reader));

    internal delegate T SharedStatePayloadReader<T>(ref ProcessReader reader);
}
