using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;
using Processes.RabbitMQ.Messages;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>The deployment's shared states, served by one worker at a time through the broker.</summary>
public sealed partial class RabbitMqProcessClient
{
    private Lazy<Task>? _sharedStateQueue;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Writer, string StateName, string Key), SemaphoreSlim> _writerGates = new();
    private ISharedStateClient? _sharedStates;

    /// <summary>
    /// The deployment's shared states, writing under <c>client:&lt;guid&gt;</c> (one name per client
    /// instance): the same verbs and typed errors as in process and over named pipes, served by
    /// the worker that is the state queue's active consumer (see <c>docs/concepts/shared-state.md</c>).
    /// </summary>
    public ISharedStateClient SharedStates => _sharedStates ??= CreateSharedStateClient("client:" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// A client of the deployment's shared states that writes under <paramref name="writer"/>: its
    /// watches skip the changes it wrote unless asked, and watchers see the name in each change.
    /// Use a writer name in one <see cref="RabbitMqProcessClient"/> only: this client sends one
    /// delegate update of a state at a time per writer, which is what lets a worker that takes
    /// over recognise an update the dead one saved but did not answer.
    /// </summary>
    public ISharedStateClient CreateSharedStateClient(string writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(writer);
        return new RabbitMqSharedStateClient(this, writer);
    }

    /// <summary>
    /// Sends one shared state request and returns the answer's payload reader input (after the
    /// outcome byte; a typed error is thrown). Persistent and confirmed by the broker before the
    /// wait for the answer starts; an update is answered only once the server saved it. Fails with
    /// <see cref="TimeoutException"/> after <paramref name="hold"/> plus
    /// <see cref="RabbitMqClientOptions.SharedStateTimeout"/>.
    /// </summary>
    internal async Task<T> CallSharedStateAsync<T>(string kind, Action<ProcessWriter> payload, TimeSpan hold, SharedStateAnswerReader<T> read, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await EnsureSharedStateQueueAsync(cancellationToken).ConfigureAwait(false);
        byte[] body;
        using (var writer = new ProcessWriter())
        {
            payload(writer);
            body = writer.ToArray();
        }

        var timeout = hold + _options.SharedStateTimeout;
        var call = _pending.BeginCall();
        try
        {
            var properties = new BasicProperties
            {
                Persistent = true,
                Type = kind,
                CorrelationId = call.CorrelationId,
                ReplyTo = _replyQueue,
            };
            if (kind is MessageKind.StateGet or MessageKind.StateWait)
            {
                // A read or a poll nobody answered in time is pointless later: the broker drops it.
                properties.Expiration = ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }

            await PublishAsync("", _topology.SharedStateQueue, properties, body, cancellationToken).ConfigureAwait(false);
            byte[] answer;
            try
            {
                answer = await call.Answer.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No worker answered the shared state call {kind} within {timeout}; an update may or may not have taken effect.");
            }

            return ReadAnswer(answer, (ref ProcessReader reader) => read(ref reader));
        }
        finally
        {
            _pending.End(call);
        }
    }

    /// <summary>
    /// Declares the state queue once, before the first request (none may be dropped before any
    /// worker started); shared by every caller, so no caller's token cancels it. One that failed
    /// (a lost connection) is forgotten and tried again by the next call.
    /// </summary>
    private async Task EnsureSharedStateQueueAsync(CancellationToken cancellationToken)
    {
        var declaration = Volatile.Read(ref _sharedStateQueue);
        if (declaration is null)
        {
            var created = new Lazy<Task>(() => _topology.DeclareSharedStateQueueAsync(_publisher, CancellationToken.None));
            declaration = Interlocked.CompareExchange(ref _sharedStateQueue, created, null) ?? created;
        }

        try
        {
            await declaration.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException)
        {
            Interlocked.CompareExchange(ref _sharedStateQueue, null, declaration);
            throw new RabbitMqConnectionException($"The broker did not declare the shared state queue: {exception.Message}", exception);
        }
    }

    /// <summary>The gate that keeps one delegate update at a time in flight per writer and state (kept for the client's life).</summary>
    internal SemaphoreSlim WriterGate(string writer, string stateName, string key) =>
        _writerGates.GetOrAdd((writer, stateName, key), static _ => new SemaphoreSlim(1, 1));

    /// <summary>The options this client was connected with.</summary>
    internal RabbitMqClientOptions Options => _options;

    /// <summary>Reads the payload of a shared state answer.</summary>
    internal delegate T SharedStateAnswerReader<T>(ref ProcessReader reader);
}
