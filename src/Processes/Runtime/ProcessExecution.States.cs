using System;

namespace Processes.Runtime;

/// <summary>The state machine: guarded transitions and their <see cref="StateChanged"/> notifications.</summary>
internal abstract partial class ProcessExecution
{
    /// <summary>Moves to <paramref name="to"/> unless the process already terminated (a forced kill may race the loop).</summary>
    protected bool TryTransition(ProcessState to) => TryTransition(to, exitCode: null, exitMessage: null);

    /// <summary>
    /// As <see cref="TryTransition(ProcessState)"/>, recording the exit code and message (a
    /// finish) under the same lock as the new state: one lock round trip, and no reader sees the
    /// state without its exit code.
    /// </summary>
    private bool TryTransition(ProcessState to, int? exitCode, string? exitMessage)
    {
        ProcessState from;
        lock (this)
        {
            from = _state;
            if (from.IsTerminal() || _detached)
            {
                return false;
            }

            if (!ProcessStateTransitions.IsAllowed(from, to))
            {
                throw new InvalidStateTransitionException(Id, from, to);
            }

            if (exitCode is not null)
            {
                _exitCode = exitCode;
                if (exitMessage is not null || _seldom is not null)
                {
                    Seldom.ExitMessage = exitMessage;
                }
            }

            _state = to;
            CountWaitingLocked();
        }

        if (from != to)
        {
            RaiseStateChanged(from, to);
            if (to.IsTerminal())
            {
                CountTerminated(to);
            }
        }

        return true;
    }

    private void RaiseStateChanged(ProcessState from, ProcessState to)
    {
        Log.StateChanged(Logger, Name, Id, from, to);
        var listeners = _seldom?.StateChanged;
        if (listeners is null && !Runtime.HasStateListeners)
        {
            return;
        }

        var change = new ProcessStateChangedEventArgs(Id, Name, from, to, Runtime.TimeProvider.GetUtcNow());
        try
        {
            listeners?.Invoke(Handle, change);
            Runtime.RaiseStateChanged(Handle, change);
        }
        catch (Exception exception)
        {
            // A listener's bug must not break the process it listens to.
            Log.ListenerFailed(Logger, exception, Name, Id);
        }
    }
}
