using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.RabbitMQ;

/// <summary>
/// The calls of one client waiting for answers on its reply queue, by correlation id. A call
/// takes the first answer; a broadcast takes every answer until its caller stops collecting. When
/// the connection is lost, calls fail (the answer may have been lost with the reply queue).
/// </summary>
internal sealed class PendingReplies
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private long _next;

    public Call BeginCall()
    {
        var call = new Call(NextId());
        _pending[call.CorrelationId] = call;
        return call;
    }

    public Broadcast BeginBroadcast()
    {
        var broadcast = new Broadcast(NextId());
        _pending[broadcast.CorrelationId] = broadcast;
        return broadcast;
    }

    public void End(Pending pending) => _pending.TryRemove(pending.CorrelationId, out _);

    /// <summary>Hands an answer to its call; answers nobody waits for (late, duplicate) are dropped.</summary>
    public void Deliver(string? correlationId, byte[] body)
    {
        if (correlationId is not null && _pending.TryGetValue(correlationId, out var pending))
        {
            pending.Deliver(body);
        }
    }

    public void FailCalls(Exception exception)
    {
        foreach (var pending in _pending.Values)
        {
            if (pending is Call call)
            {
                call.Fail(exception);
            }
        }
    }

    private string NextId() => Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    /// <summary>One call waiting for answers.</summary>
    internal abstract class Pending(string correlationId)
    {
        public string CorrelationId { get; } = correlationId;

        public abstract void Deliver(byte[] body);
    }

    /// <summary>A call that takes the first answer.</summary>
    internal sealed class Call(string correlationId) : Pending(correlationId)
    {
        private readonly TaskCompletionSource<byte[]> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<byte[]> Answer => _answer.Task;

        public override void Deliver(byte[] body) => _answer.TrySetResult(body);

        public void Fail(Exception exception) => _answer.TrySetException(exception);
    }

    /// <summary>A broadcast that collects every answer.</summary>
    internal sealed class Broadcast(string correlationId) : Pending(correlationId)
    {
        private readonly ConcurrentQueue<byte[]> _answers = new();

        public IReadOnlyCollection<byte[]> Answers => _answers;

        public override void Deliver(byte[] body) => _answers.Enqueue(body);
    }
}
