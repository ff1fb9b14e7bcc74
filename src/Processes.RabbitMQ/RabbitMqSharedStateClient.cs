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
                SharedStateReplies.ReadWait,
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

    protected override async ValueTask<(long Version, TResult Result)> UpdateCoreAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken)
    {
        var stateName = TState.StateName;
        // One compare-and-set at a time per writer and state: what lets a server recognise a
        // redelivered one by its writer and bytes (see RabbitMqWorker.ReplaceAsync).
        var gate = client.WriterGate(Writer, stateName, key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.UpdateCoreAsync(key, update, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async ValueTask<(bool Applied, SharedStateVersion After)> ReplaceAsync(string stateName, string key, long expectedVersion, byte[]? initial, byte[] data, CancellationToken cancellationToken)
    {
        var stateWriter = Writer;
        return await client.CallSharedStateAsync(
            MessageKind.StateReplace,
            writer => SharedStateRequest.WriteReplace(writer, stateName, key, stateWriter, expectedVersion, initial, data),
            TimeSpan.Zero,
            SharedStateReplies.ReadReplace,
            cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<(long Version, byte[] Result)> ApplyAsync(string stateName, string key, string operationName, byte[] arguments, CancellationToken cancellationToken)
    {
        var stateWriter = Writer;
        return await client.CallSharedStateAsync(
            MessageKind.StateApply,
            writer => SharedStateRequest.WriteApply(writer, stateName, key, stateWriter, operationName, arguments),
            TimeSpan.Zero,
            SharedStateReplies.ReadApply,
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
