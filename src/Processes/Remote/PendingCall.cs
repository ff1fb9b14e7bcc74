using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>
/// A call waiting for its result frame; status frames for it go to <see cref="Progress"/>. One
/// object is the call's entry in the pending table, its awaitable reply and its cancellation
/// callback's state. It completes exactly once: only whoever removed it from the pending table
/// (the reply, an error, a cancel, the connection failing) completes it. A result hands over the
/// reply frame itself, whose pooled buffer the caller reads and then returns by disposing it.
/// </summary>
internal sealed class PendingCall : IValueTaskSource<Frame>
{
    private ManualResetValueTaskSourceCore<Frame> _reply = new() { RunContinuationsAsynchronously = true };

    public PendingCall(ProcessClient client, long id, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken)
    {
        Client = client;
        Id = id;
        Progress = progress;
        CancellationToken = cancellationToken;
    }

    public ProcessClient Client { get; }

    public long Id { get; }

    public IProgress<ProcessStatus>? Progress { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The reply frame, owned by the awaiter from then on; await it once.</summary>
    public ValueTask<Frame> Reply => new(this, _reply.Version);

    public void Complete(Frame reply) => _reply.SetResult(reply);

    public void Fail(Exception failure) => _reply.SetException(failure);

    public void Cancel() => _reply.SetException(new TaskCanceledException("The call was cancelled.", null, CancellationToken));

    Frame IValueTaskSource<Frame>.GetResult(short token) => _reply.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<Frame>.GetStatus(short token) => _reply.GetStatus(token);

    void IValueTaskSource<Frame>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _reply.OnCompleted(continuation, state, token, flags);
}
