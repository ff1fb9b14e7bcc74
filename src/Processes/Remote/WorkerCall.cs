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

    /// <summary>
    /// A queued run's turn in the connection's run slots, taken when its frame was read so that
    /// runs start in arrival order (the call itself runs off the read loop); null for other calls.
    /// </summary>
    public System.Threading.Tasks.Task? SlotTurn { get; set; }

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
