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
        var found = ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateWait, static (ref ProcessReader reader) =>
        {
            var outcome = (SharedStateRequest.WaitOutcome)reader.ReadByte();
            switch (outcome)
            {
                case SharedStateRequest.WaitOutcome.Found:
                    var version = SharedStateRequest.ReadVersion(ref reader);
                    var changed = reader.ReadArray<string, Serialization.Codecs.StringCodec>() ?? Array.Empty<string>();
                    return (Outcome: outcome, Found: (SharedStateFound?)new SharedStateFound(version with { ChangedMembers = changed }, reader.ReadInt32(), reader.ReadBoolean()), After: 0L, Oldest: 0L);
                case SharedStateRequest.WaitOutcome.TimedOut:
                    return (outcome, null, reader.ReadInt64(), 0L);
                case SharedStateRequest.WaitOutcome.HistoryTruncated:
                    return (outcome, null, reader.ReadInt64(), reader.ReadInt64());
                default:
                    throw new ProcessSerializationException($"{(byte)outcome} is not a watch outcome.", reader.Offset - 1);
            }
        });
        return found.Outcome switch
        {
            SharedStateRequest.WaitOutcome.Found => SharedStateClient.Change<TState>(key, found.Found!),
            SharedStateRequest.WaitOutcome.TimedOut => throw new SharedStateWatchTimeoutException(stateName, key, found.After, options.Timeout ?? TimeSpan.Zero),
            _ => throw new SharedStateHistoryTruncatedException(stateName, key, found.After, found.Oldest),
        };
    }

    protected override async ValueTask<(long Version, TResult Result)> UpdateCoreAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken)
    {
        var stateName = TState.StateName;
        var current = await GetVersionAsync(stateName, key, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var state = SharedStateSerializer.Read<TState>(current);
            var initial = current.Data is null ? SharedStateSerializer.Write(state) : null;
            var result = update(state);
            var data = SharedStateSerializer.Write(state);
            if (data.AsSpan().SequenceEqual(current.Data ?? initial))
            {
                return (current.Version, result);
            }

            var expected = current.Version;
            var stateWriter = Writer;
            var reply = await _client.CallSharedStateAsync(
                FrameType.SharedStateReplace,
                writer => SharedStateRequest.WriteReplace(writer, stateName, key, stateWriter, expected, initial, data),
                cancellationToken).ConfigureAwait(false);
            var (applied, after) = ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateReplace, static (ref ProcessReader reader) =>
                (reader.ReadBoolean(), SharedStateRequest.ReadVersion(ref reader)));
            if (applied)
            {
                return (after.Version, result);
            }

            current = after;
        }
    }

    /// <summary>Sends the operation by name with its arguments; the worker runs it once, under the state's lock, and saves before it replies.</summary>
    protected override async ValueTask<(long Version, byte[] Result)> ApplyAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken)
    {
        var stateName = TState.StateName;
        var name = operation.Name;
        var arguments = operation.SerializeArguments();
        var stateWriter = Writer;
        var reply = await _client.CallSharedStateAsync(
            FrameType.SharedStateApply,
            writer => SharedStateRequest.WriteApply(writer, stateName, key, stateWriter, name, arguments),
            cancellationToken).ConfigureAwait(false);
        return ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateApply, static (ref ProcessReader reader) =>
            (SharedStateRequest.ReadVersion(ref reader).Version, reader.ReadBytes() ?? Array.Empty<byte>()));
    }

    protected override async ValueTask<SharedStateVersion> GetVersionAsync(string stateName, string key, CancellationToken cancellationToken)
    {
        var reply = await _client.CallSharedStateAsync(
            FrameType.SharedStateGet, writer => SharedStateRequest.WriteAddress(writer, stateName, key), cancellationToken).ConfigureAwait(false);
        return ProcessClient.ReadSharedStateReply(reply, FrameType.SharedStateGet, static (ref ProcessReader reader) => SharedStateRequest.ReadVersion(ref reader));
    }
}
