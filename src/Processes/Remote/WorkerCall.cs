using System;
using System.Threading;

namespace Processes.Remote;

/// <summary>
/// A call in flight on a worker connection: its request and its cancellation (by a Cancel frame
/// from the client, or by the connection closing), and whether the client asked for it.
/// </summary>
internal sealed class WorkerCall : IDisposable
{
    private int _cancelledByClient;

    public WorkerCall(WorkerRequest request)
    {
        Request = request;
        Cancellation = new CancellationTokenSource();
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

    /// <summary>Cancels the call because its connection closed (not a decision of the client).</summary>
    public void CancelForClosing()
    {
        try
        {
            Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended meanwhile.
        }
    }

    public void Dispose()
    {
        Request.ReleaseInputs();
        Cancellation.Dispose();
    }
}
