using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>The shared states a step or task reaches through its context, and the outline's waits for a state.</summary>
internal abstract partial class ProcessExecution
{
    private ISharedStateClient? _sharedStates;

    ISharedStateClient IProcessContextHost.SharedStates => _sharedStates ??= Runtime.CreateSharedStateClient("process:" + Id);

    /// <summary>
    /// An outline's <c>WaitForState</c>: goes on at once when the state already meets the
    /// condition; otherwise the process turns Waiting, stores a checkpoint that says so (at this
    /// instruction, so a continued process waits again), and waits without a thread until a change
    /// meets it. False when the process must not go on; a stop or kill ends the wait with
    /// <see cref="OperationCanceledException"/>, as it ends a timer.
    /// </summary>
    protected async ValueTask<bool> WaitForStateAsync(Func<ISharedStateClient, CancellationToken, ValueTask> wait)
    {
        var client = ((IProcessContextHost)this).SharedStates;
        var waiting = wait(client, CancellationToken);
        if (waiting.IsCompletedSuccessfully)
        {
            return true;
        }

        if (State == ProcessState.Running)
        {
            if (!TryTransition(ProcessState.Waiting))
            {
                return false;
            }

            await SaveCheckpointAsync(unlessTerminated: true).ConfigureAwait(false);
        }

        await waiting.ConfigureAwait(false);
        CancellationToken.ThrowIfCancellationRequested();
        return true;
    }
}
