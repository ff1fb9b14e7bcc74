using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// Pause, play and kill signalling for one process: whether it is paused (and the status message
/// a pause put aside), whether a kill was asked for (and its message), and the signal a step
/// boundary waits on while the process is paused.
/// </summary>
/// <remarks>
/// Not thread-safe: its execution changes it under its own gate; the step loop reads
/// <see cref="IsPaused"/> and <see cref="KillRequested"/> without it (volatile, and a change that
/// races one boundary is seen at the next). Created by the first pause or kill: most processes
/// never see either.
/// </remarks>
internal sealed class PauseGate
{
    private volatile bool _paused;
    private volatile bool _killRequested;
    private TaskCompletionSource? _playSignal;

    /// <summary>The pause and kill a checkpoint holds, or null when it holds neither.</summary>
    public static PauseGate? Restore(ProcessSnapshot snapshot)
    {
        if (!snapshot.Paused && snapshot.StatusBeforePause is null && snapshot.KillMessage is null)
        {
            return null;
        }

        return new PauseGate
        {
            _paused = snapshot.Paused,
            StatusBeforePause = snapshot.StatusBeforePause,
            KillMessage = snapshot.KillMessage,
        };
    }

    public bool IsPaused => _paused;

    public bool KillRequested => _killRequested;

    public string? KillMessage { get; private set; }

    /// <summary>The status message the pause put aside; play brings it back.</summary>
    public string? StatusBeforePause { get; private set; }

    /// <summary>Pauses; <paramref name="statusMessage"/> becomes <paramref name="message"/> until play. False when already paused.</summary>
    public bool Pause(ref string? statusMessage, string? message)
    {
        if (_paused)
        {
            return false;
        }

        _paused = true;
        StatusBeforePause = statusMessage;
        statusMessage = message;
        return true;
    }

    /// <summary>
    /// Plays: the status message from before the pause comes back. Returns false when not paused;
    /// otherwise <paramref name="signal"/> is what the caller completes (outside the gate) to
    /// release a boundary waiting on the pause.
    /// </summary>
    public bool Play(ref string? statusMessage, out TaskCompletionSource? signal)
    {
        if (!_paused)
        {
            signal = null;
            return false;
        }

        _paused = false;
        statusMessage = StatusBeforePause;
        StatusBeforePause = null;
        signal = TakeSignal();
        return true;
    }

    /// <summary>Records a kill request; returns the signal to complete so a paused boundary sees it.</summary>
    public TaskCompletionSource? RequestKill(string? message)
    {
        _killRequested = true;
        KillMessage = message;
        return TakeSignal();
    }

    /// <summary>A status reported by a step: while paused it is what play brings back.</summary>
    public void ReportStatus(ref string? statusMessage, string? message)
    {
        if (_paused)
        {
            StatusBeforePause = message;
        }
        else
        {
            statusMessage = message;
        }
    }

    /// <summary>What a paused boundary waits on: completed by play, kill or detach.</summary>
    public Task PlaySignal => (_playSignal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Takes the signal a paused boundary waits on (null: none waits), for the caller to complete outside the gate.</summary>
    public TaskCompletionSource? TakeSignal()
    {
        var signal = _playSignal;
        _playSignal = null;
        return signal;
    }
}
