using System;
using System.Threading;

namespace Processes.Remote;

/// <summary>
/// A call in flight on a worker connection: its request and its cancellation (by a Cancel frame
/// from the client, or by the connection closing), and whether the client asked for it. It is
/// also its own thread-pool work item (the call run off the read loop), so queueing it allocates
/// nothing more; it runs in the execution context of the read loop that queued it.
/// </summary>
internal sealed class WorkerCall : IDisposable, IThreadPoolWorkItem
{
    private readonly Action<WorkerCall> _run;
    private readonly ExecutionContext? _context;
    private int _cancelledByClient;

    /// <summary>A call that <paramref name="run"/> runs when the thread pool executes it (in the current execution context).</summary>
    public WorkerCall(WorkerRequest request, Action<WorkerCall> run)
    {
        Request = request;
        Cancellation = new CancellationTokenSource();
        _run = run;
        _context = ExecutionContext.Capture();
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

    void IThreadPoolWorkItem.Execute()
    {
        if (_context is null)
        {
            _run(this);
        }
        else
        {
            ExecutionContext.Run(_context, static state => ((WorkerCall)state!)._run((WorkerCall)state!), this);
        }
    }

    public void Dispose()
    {
        Request.ReleaseInputs();
        Cancellation.Dispose();
    }
}
