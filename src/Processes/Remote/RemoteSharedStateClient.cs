using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>
/// The shared states of a worker, over a <see cref="ProcessClient"/>'s connection. Reads and
/// watches run on the worker; an update runs the delegate here on the version read, then asks
/// the worker to replace that version (compare-and-set): if another update came first, it reads
/// the newer version and runs the delegate again. The worker acknowledges a replace only after
/// saving it, so an update that returned is durable there. A declared operation is not run here:
/// it travels by name with its arguments and runs on the worker once (one round trip).
/// </summary>
internal sealed class RemoteSharedStateClient : OwnedSharedStateClient
{
    private readonly ProcessClient _client;

    public RemoteSharedStateClient(ProcessClient client, string writer)
        : base(writer) => _client = client;

    public override async ValueTask<SharedStateChange<TState>> WaitForChangeAsync<TState>(string key, SharedStateWatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SharedStateWatchOptions();
        var stateName = TState.StateName;
        var skipWriter = options.IncludeOwnChanges ? null : Writer;
        var reply = await _client.CallSharedStateAsync(
            FrameType.SharedStateWait, writer => SharedStateRequest.WriteWait(writer, stateName, key, skipWriter, options), cancellationToken).ConfigureAwait(false);
        var found = ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateWait, SharedStateReplies.ReadWait);
        return found.Outcome switch
        {
            SharedStateRequest.WaitOutcome.Found => SharedStateClient.Change<TState>(key, found.Found!),
            SharedStateRequest.WaitOutcome.TimedOut => throw new SharedStateWatchTimeoutException(stateName, key, found.After, options.Timeout ?? TimeSpan.Zero),
            _ => throw new SharedStateHistoryTruncatedException(stateName, key, found.After, found.Oldest),
        };
    }

    /// <summary>The worker acknowledges a replace only after saving it.</summary>
    protected override async ValueTask<(bool Applied, SharedStateVersion After)> ReplaceAsync(string stateName, string key, long expectedVersion, byte[]? initial, byte[] data, CancellationToken cancellationToken)
    {
        var stateWriter = Writer;
        var reply = await _client.CallSharedStateAsync(
            FrameType.SharedStateReplace,
            writer => SharedStateRequest.WriteReplace(writer, stateName, key, stateWriter, expectedVersion, initial, data),
            cancellationToken).ConfigureAwait(false);
        return ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateReplace, SharedStateReplies.ReadReplace);
    }

    /// <summary>Sends the operation by name with its arguments; the worker runs it once, under the state's lock, and saves before it replies.</summary>
    protected override async ValueTask<(long Version, byte[] Result)> ApplyAsync(string stateName, string key, string operationName, byte[] arguments, CancellationToken cancellationToken)
    {
        var stateWriter = Writer;
        var reply = await _client.CallSharedStateAsync(
            FrameType.SharedStateApply,
            writer => SharedStateRequest.WriteApply(writer, stateName, key, stateWriter, operationName, arguments),
            cancellationToken).ConfigureAwait(false);
        return ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateApply, SharedStateReplies.ReadApply);
    }

    protected override async ValueTask<SharedStateVersion> GetVersionAsync(string stateName, string key, CancellationToken cancellationToken)
    {
        var reply = await _client.CallSharedStateAsync(
            FrameType.SharedStateGet, writer => SharedStateRequest.WriteAddress(writer, stateName, key), cancellationToken).ConfigureAwait(false);
        return ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateGet, static (ref ProcessReader reader) => SharedStateRequest.ReadVersion(ref reader));
    }
}
