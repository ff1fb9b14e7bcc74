using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>
/// A call waiting for its result frame; status frames for it go to <see cref="Progress"/>. One
/// object is the call's entry in the pending table, its awaitable reply and its cancellation
/// callback's state. It completes exactly once: only whoever removed it from the pending table
/// (the reply, an error, a cancel, the connection failing) completes it.
/// </summary>
internal abstract class PendingCall
{
    public ProcessClient Client { get; protected set; } = null!;

    public long Id { get; protected set; }

    public IProgress<ProcessStatus>? Progress { get; protected set; }

    public CancellationToken CancellationToken { get; protected set; }

    /// <summary>Completes the call with its result frame, which it owns from then on (and disposes).</summary>
    public abstract void Complete(Frame reply);

    /// <summary>Completes the call with a result payload that is valid during this call only (the read buffer's).</summary>
    public abstract void Complete(ReadOnlySpan<byte> payload);

    public abstract void Fail(Exception failure);

    public void Cancel() => Fail(new TaskCanceledException("The call was cancelled.", null, CancellationToken));
}

/// <summary>
/// A pending call whose awaiter gets a <typeparamref name="T"/>: the result frame, or a value read
/// from it. The awaiter's continuation never runs inside whatever completes the call (the read
/// loop, a cancellation, a failing connection): the call queues itself to the thread pool as its
/// own work item, which completes it there, so the hop allocates nothing. It is queued locally, as
/// an awaited task's continuation is: the replies of one read complete on the read loop's thread
/// as soon as the loop waits for more (unless an idle thread steals them first).
/// </summary>
internal abstract class ReplyCall<T> : PendingCall, IValueTaskSource<T>, IThreadPoolWorkItem
{
    private ManualResetValueTaskSourceCore<T> _reply = new() { RunContinuationsAsynchronously = false };
    private T? _result;
    private Exception? _failure;

    /// <summary>The reply; await it once.</summary>
    public ValueTask<T> Reply => new(this, _reply.Version);

    /// <summary>
    /// Whether <see cref="IValueTaskSource{TResult}.GetResult"/> may recycle this object at once:
    /// false while something else (a cancellation registration) still refers to it, which then calls <see cref="Release"/>.
    /// </summary>
    protected bool ReleaseOnResult { get; set; } = true;

    public override void Fail(Exception failure)
    {
        _failure = failure;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    protected void SetResult(T result)
    {
        _result = result;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (_failure is { } failure)
        {
            _failure = null;
            _reply.SetException(failure);
        }
        else
        {
            var result = _result!;
            _result = default;
            _reply.SetResult(result);
        }
    }

    /// <summary>Called once the result has been taken and nothing refers to this call any more: a pooled call goes back to its pool.</summary>
    public virtual void Release()
    {
    }

    /// <summary>The cancellation registration refers to this call until it is disposed: <see cref="Release"/> after that, not on the result.</summary>
    public void ReleaseAfterUnregistering() => ReleaseOnResult = false;

    /// <summary>Makes the object ready for another call (a new version, so an awaiter of the last one cannot read this one).</summary>
    protected void ResetReply()
    {
        _reply.Reset();
        ReleaseOnResult = true;
    }

    T IValueTaskSource<T>.GetResult(short token)
    {
        try
        {
            return _reply.GetResult(token);
        }
        finally
        {
            if (ReleaseOnResult)
            {
                Release();
            }
        }
    }

    ValueTaskSourceStatus IValueTaskSource<T>.GetStatus(short token) => _reply.GetStatus(token);

    void IValueTaskSource<T>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _reply.OnCompleted(continuation, state, token, flags);
}

/// <summary>
/// A call that hands its awaiter the result frame itself, whose pooled buffer the caller reads
/// and then returns by disposing it (every call but a run).
/// </summary>
internal sealed class FrameReplyCall : ReplyCall<Frame>
{
    public FrameReplyCall(ProcessClient client, long id, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken)
    {
        Client = client;
        Id = id;
        Progress = progress;
        CancellationToken = cancellationToken;
    }

    public override void Complete(Frame reply) => SetResult(reply);

    public override void Complete(ReadOnlySpan<byte> payload)
    {
        // The frame outlives the read buffer: copy it into a pooled buffer of its own.
        var length = FrameFormat.HeaderSize + payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        payload.CopyTo(buffer.AsSpan(FrameFormat.HeaderSize));
        SetResult(new Frame(FrameType.Result, FrameFlags.None, Id, buffer, length));
    }
}
