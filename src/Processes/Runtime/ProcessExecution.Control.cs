using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>Pause, play and kill: the control calls, signalled through a <see cref="PauseGate"/>.</summary>
internal abstract partial class ProcessExecution
{
    /// <summary>The pause gate, created on first use; the caller holds the lock.</summary>
    private PauseGate PauseGateLocked()
    {
        if (_pauseGate is null)
        {
            Volatile.Write(ref _pauseGate, new PauseGate());
        }

        return _pauseGate!;
    }

    public async ValueTask<ProcessControlResult> PauseAsync(string? message)
    {
        bool idle;
        lock (this)
        {
            if (_state.IsTerminal())
            {
                return TerminatedAnswer();
            }

            if (!PauseGateLocked().Pause(ref Seldom.StatusMessage, message))
            {
                return new ProcessControlResult(ProcessControlOutcome.Unchanged, _state, "The process is already paused.");
            }

            idle = !_stepRunning;
        }

        Log.Paused(Logger, Name, Id, message);

        // A running step finishes first; the checkpoint taken after it records the pause.
        if (idle)
        {
            await SaveControlCheckpointAsync().ConfigureAwait(false);
        }

        return new ProcessControlResult(ProcessControlOutcome.Applied, State, idle ? "Paused." : "Paused; the running step finishes first.");
    }

    public async ValueTask<ProcessControlResult> PlayAsync()
    {
        TaskCompletionSource? signal;
        bool idle;
        lock (this)
        {
            if (_state.IsTerminal())
            {
                return TerminatedAnswer();
            }

            if (_pauseGate is null || !_pauseGate.Play(ref Seldom.StatusMessage, out signal))
            {
                return new ProcessControlResult(ProcessControlOutcome.Unchanged, _state, "The process is not paused.");
            }

            idle = !_stepRunning;
        }

        Log.Played(Logger, Name, Id);
        if (idle)
        {
            await SaveControlCheckpointAsync().ConfigureAwait(false);
        }

        signal?.TrySetResult();
        return new ProcessControlResult(ProcessControlOutcome.Applied, State, "Playing.");
    }

    /// <summary>
    /// Kills the process. A process that is not inside a step (created, waiting, paused between
    /// steps) is killed at once, with its children; a running step is cancelled through its token
    /// and the process is killed when the step returns, unless <paramref name="force"/> kills it
    /// without waiting.
    /// </summary>
    public async ValueTask<ProcessControlResult> KillAsync(string? message, bool force)
    {
        bool now;
        TaskCompletionSource? signal;
        lock (this)
        {
            if (_state.IsTerminal())
            {
                return TerminatedAnswer();
            }

            signal = PauseGateLocked().RequestKill(message);
            now = force || !_stepRunning;
        }

        CancelRunningStep();
        signal?.TrySetResult();
        if (now)
        {
            await TerminateKilledAsync().ConfigureAwait(false);
            return new ProcessControlResult(ProcessControlOutcome.Applied, State, "Killed.");
        }

        return new ProcessControlResult(ProcessControlOutcome.Applied, State, "Kill requested; the running step was cancelled and the process ends when it returns.");
    }

    private async ValueTask TerminateKilledAsync()
    {
        if (!TryTransition(ProcessState.Killed))
        {
            return;
        }

        string? message;
        lock (this)
        {
            message = _pauseGate?.KillMessage;
        }

        Log.Killed(Logger, Name, Id, message);
        await SaveFinalCheckpointAsync().ConfigureAwait(false);
        await KillChildrenAsync(message is null ? "the parent process was killed" : "the parent process was killed: " + message).ConfigureAwait(false);
        var lease = TakeLeaseForRelease();
        SignalCompletion();
        await ReleaseTakenLeaseAsync(lease).ConfigureAwait(false);
        Runtime.OnTerminated(this);
    }

    /// <summary>The checkpoint that records a pause or play; a store that stays down detaches the process and tells the caller.</summary>
    private async ValueTask SaveControlCheckpointAsync()
    {
        try
        {
            await SaveCheckpointAsync().ConfigureAwait(false);
        }
        catch (CheckpointSaveFailedException failed)
        {
            Detach(failed);
            throw new ProcessDetachedException(Id, Name, failed);
        }
    }

    private ProcessControlResult TerminatedAnswer() =>
        new(ProcessControlOutcome.Terminated, _state, $"The process has terminated ({_state}); it accepts no more control calls.");
}
