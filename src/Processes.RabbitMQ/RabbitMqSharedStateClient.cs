using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.RabbitMQ.Messages;
using Processes.Remote;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>
/// The deployment's shared states through the broker, with the pipe client's semantics and wire
/// payloads: a delegate update is a compare-and-set (read, run the delegate here, ask the server
/// to replace that version, again on a newer one when refused); a declared operation travels by
/// name and runs once on the server; a watch is a series of long polls of the server, each after
/// the version the previous one reached, so a buffered watch reads the server's history and
/// misses nothing, and a watch outlives a change of server.
/// </summary>
internal sealed class RabbitMqSharedStateClient(RabbitMqProcessClient client, string writer) : OwnedSharedStateClient(writer)
{
    public override async ValueTask<SharedStateChange<TState>> WaitForChangeAsync<TState>(string key, SharedStateWatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SharedStateWatchOptions();
        var stateName = TState.StateName;
        var skipWriter = options.IncludeOwnChanges ? null : Writer;
        var started = DateTimeOffset.UtcNow;
        var after = options.AfterVersion; // null on the first poll: the server's current version
        while (true)
        {
            // Each poll is held by the server at most WaitLongPoll (and never past the watch's own timeout).
            var left = options.Timeout is { } limit ? limit - (DateTimeOffset.UtcNow - started) : (TimeSpan?)null;
            var poll = left is { } remaining && remaining < client.Options.WaitLongPoll ? (remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining) : client.Options.WaitLongPoll;
            var last = left is { } l && l <= client.Options.WaitLongPoll;
            var pollOptions = options with { AfterVersion = after, Timeout = poll };
            var found = await client.CallSharedStateAsync(
                MessageKind.StateWait,
                writer => SharedStateRequest.WriteWait(writer, stateName, key, skipWriter, pollOptions),
                poll,
                static (ref ProcessReader reader) => ReadWaitAnswer(ref reader),
                cancellationToken).ConfigureAwait(false);
            switch (found.Outcome)
            {
                case SharedStateRequest.WaitOutcome.Found:
                    return SharedStateClient.Change<TState>(key, found.Found!);
                case SharedStateRequest.WaitOutcome.TimedOut when last:
                    throw new SharedStateWatchTimeoutException(stateName, key, found.After, options.Timeout ?? TimeSpan.Zero);
                case SharedStateRequest.WaitOutcome.TimedOut:
                    after = found.After; // the version the first poll resolved: the next polls continue after it
                    continue;
                default:
                    throw new SharedStateHistoryTruncatedException(stateName, key, found.After, found.Oldest);
            }
        }
    }

    private static (SharedStateRequest.WaitOutcome Outcome, SharedStateFound? Found, long After, long Oldest) ReadWaitAnswer(ref ProcessReader reader)
    {
        var outcome = (SharedStateRequest.WaitOutcome)reader.ReadByte();
        switch (outcome)
        {
            case SharedStateRequest.WaitOutcome.Found:
                var version = SharedStateRequest.ReadVersion(ref reader);
                var changed = reader.ReadArray<string, Serialization.Codecs.StringCodec>() ?? Array.Empty<string>();
                return (outcome, new SharedStateFound(version with { ChangedMembers = changed }, reader.ReadInt32(), reader.ReadBoolean()), 0L, 0L);
            case SharedStateRequest.WaitOutcome.TimedOut:
                return (outcome, null, reader.ReadInt64(), 0L);
            case SharedStateRequest.WaitOutcome.HistoryTruncated:
                return (outcome, null, reader.ReadInt64(), reader.ReadInt64());
            default:
                throw new ProcessSerializationException($"{(byte)outcome} is not a watch outcome.", reader.Offset - 1);
        }
    }

    protected override async ValueTask<(long Version, TResult Result)> UpdateCoreAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken)
    {
        var stateName = TState.StateName;
        // One compare-and-set at a time per writer and state: what lets a server recognise a
        // redelivered one by its writer and bytes (see RabbitMqWorker.ReplaceAsync).
        var gate = client.WriterGate(Writer, stateName, key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CompareAndSetAsync(stateName, key, update, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask<(long Version, TResult Result)> CompareAndSetAsync<TState, TResult>(string stateName, string key, Func<TState, TResult> update, CancellationToken cancellationToken)
        where TState : class, ISharedState<TState>
    {
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
            var (applied, after) = await client.CallSharedStateAsync(
                MessageKind.StateReplace,
                writer => SharedStateRequest.WriteReplace(writer, stateName, key, stateWriter, expected, initial, data),
                TimeSpan.Zero,
                static (ref ProcessReader reader) => (reader.ReadBoolean(), SharedStateRequest.ReadVersion(ref reader)),
                cancellationToken).ConfigureAwait(false);
            if (applied)
            {
                return (after.Version, result);
            }

            current = after;
        }
    }

    protected override async ValueTask<(long Version, byte[] Result)> ApplyAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken)
    {
        var stateName = TState.StateName;
        var name = operation.Name;
        var arguments = operation.SerializeArguments();
        var stateWriter = Writer;
        return await client.CallSharedStateAsync(
            MessageKind.StateApply,
            writer => SharedStateRequest.WriteApply(writer, stateName, key, stateWriter, name, arguments),
            TimeSpan.Zero,
            static (ref ProcessReader reader) => (SharedStateRequest.ReadVersion(ref reader).Version, reader.ReadBytes() ?? Array.Empty<byte>()),
            cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<SharedStateVersion> GetVersionAsync(string stateName, string key, CancellationToken cancellationToken) =>
        await client.CallSharedStateAsync(
            MessageKind.StateGet,
            writer => SharedStateRequest.WriteAddress(writer, stateName, key),
            TimeSpan.Zero,
            static (ref ProcessReader reader) => SharedStateRequest.ReadVersion(ref reader),
            cancellationToken).ConfigureAwait(false);
}
