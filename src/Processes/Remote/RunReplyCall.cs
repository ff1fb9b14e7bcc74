using System;
using System.Collections.Concurrent;
using System.Threading;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>
/// A run waiting for its outputs: the read loop reads them straight from the reply's bytes
/// (where the channel's read buffer holds them, with no copy) into <see cref="SentInputs"/>, the
/// copy of the caller's inputs, and the awaiter gets that process. Pooled per process type: the
/// object goes back to the pool once its result has been taken and no cancellation registration
/// refers to it any more, and each use has a new version, so a late awaiter cannot read another
/// call's result. A reply that fails to read fails this call alone, with the read loop going on.
/// </summary>
internal sealed class RunReplyCall<TProcess> : ReplyCall<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    private const int MaxPooled = 256;
    private static readonly ConcurrentQueue<RunReplyCall<TProcess>> Pool = new();
    private static int s_pooled;

    private TProcess? _sentInputs;

    private RunReplyCall()
    {
    }

    /// <summary>The new instance with the caller's inputs that the outputs are read into.</summary>
    public TProcess SentInputs => _sentInputs!;

    public static RunReplyCall<TProcess> Rent(ProcessClient client, long id, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken, TProcess sentInputs)
    {
        if (Pool.TryDequeue(out var call))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            call = new RunReplyCall<TProcess>();
        }

        call.Client = client;
        call.Id = id;
        call.Progress = progress;
        call.CancellationToken = cancellationToken;
        call._sentInputs = sentInputs;
        return call;
    }

    public override void Complete(Frame reply)
    {
        using (reply)
        {
            Complete(reply.Payload);
        }
    }

    public override void Complete(ReadOnlySpan<byte> payload)
    {
        TProcess process;
        try
        {
            process = ClientFrames.ReadOutputs(payload, _sentInputs);
        }
        catch (Exception exception)
        {
            // A malformed reply, another process type, an output setter that throws: this call's failure, not the connection's.
            Fail(exception);
            return;
        }

        SetResult(process);
    }

    public override void Release()
    {
        Client = null!;
        Progress = null;
        CancellationToken = default;
        _sentInputs = null;
        ResetReply();
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }
}
