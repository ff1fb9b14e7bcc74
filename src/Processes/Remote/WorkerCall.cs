using System;
using System.Threading;

namespace Processes.Remote;

/// <summary>A call in flight on a worker connection: its request and its cancellation, and whether the client asked for it.</summary>
internal sealed class WorkerCall : IDisposable
{
    private int _cancelledByClient;

    public WorkerCall(WorkerRequest request, CancellationToken connectionClosing)
    {
        Request = request;
        Cancellation = CancellationTokenSource.CreateLinkedTokenSource(connectionClosing);
    }

    public WorkerRequest Request { get; }

    public CancellationTokenSource Cancellation { get; }

    /// <summary>True when a Cancel frame stopped the call (as opposed to the connection closing).</summary>
    public bool CancelledByClient => Volatile.Read(ref _cancelledByClient) != 0;

    public void CancelByClient()
    {
        Interlocked.Exchange(ref _cancelledByClient, 1);
        try
        {
            Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended between the lookup and the cancel.
        }
    }

    public void Dispose()
    {
        Request.ReleaseInputs();
        Cancellation.Dispose();
    }
}
