using System;
using System.Threading.Tasks;
using Processes.Ports;

namespace Processes.Runtime;

/// <summary>How a run ends: finished (outputs validated), failed (recorded, retried or excepted) or cancelled.</summary>
internal abstract partial class ProcessExecution
{
    private async ValueTask FinishAsync(int exitCode, string? exitMessage)
    {
        if (exitCode == 0)
        {
            var errors = ValidateOutputs();
            if (errors.Count > 0)
            {
                exitCode = ProcessExitCodes.InvalidOutputs;
                exitMessage = new PortValidationException(Name, errors).Message;
            }
        }

        if (!TryTransition(ProcessState.Finished, exitCode, exitMessage))
        {
            return;
        }

        Log.ProcessFinished(Logger, Name, Id, exitCode);
        await DropUnclaimedReplayChildrenAsync().ConfigureAwait(false);
        if (IsRun && exitCode == ProcessExitCodes.Success)
        {
            await RetireRunCheckpointsAsync().ConfigureAwait(false);
        }
        else
        {
            await SaveFinalCheckpointAsync().ConfigureAwait(false);
        }

        var lease = TakeLeaseForRelease();
        SignalCompletion();
        await ReleaseTakenLeaseAsync(lease).ConfigureAwait(false);
        Runtime.OnTerminated(this);
    }

    private async ValueTask FailAsync(Exception exception)
    {
        try
        {
            await FailCoreAsync(exception).ConfigureAwait(false);
        }
        finally
        {
            if (State.IsTerminal())
            {
                SignalCompletion();
            }
        }
    }

    private async ValueTask FailCoreAsync(Exception exception)
    {
        if (Runtime.IsStopped)
        {
            // A step that hit the stopping runtime (a launch refused, a wait cut short) did not fail.
            Detach();
            return;
        }

        lock (this)
        {
            if (_state.IsTerminal() || _detached)
            {
                return;
            }

            Seldom.Error = ProcessErrorInfo.From(exception);
            Seldom.LocalException = exception;
        }

        if (!TryTransition(ProcessState.Excepted))
        {
            return;
        }

        Log.ProcessExcepted(Logger, exception, Name, Id);

        // A process's checkpoints are taken between steps; the failed step may have changed its
        // data halfway, so the Excepted checkpoint keeps the last good data (what a retry reruns from).
        await SaveFinalCheckpointAsync(keepStoredSections: Descriptor.Kind == ProcessKind.Process).ConfigureAwait(false);
        await KillChildrenAsync("the parent process failed").ConfigureAwait(false);
        var lease = TakeLeaseForRelease();
        SignalCompletion();
        await ReleaseTakenLeaseAsync(lease).ConfigureAwait(false);
        Runtime.OnTerminated(this);
    }

    private async ValueTask OnCancelledAsync()
    {
        bool killed;
        lock (this)
        {
            killed = _pauseGate is { KillRequested: true };
        }

        if (killed)
        {
            await TerminateKilledAsync().ConfigureAwait(false);
        }
    }
}
