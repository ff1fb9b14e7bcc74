using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// When to take checkpoints (at launch, after each step, on pause and play, and at the end) and
/// what they hold; the <see cref="CheckpointWriter"/> builds, stores and deletes them.
/// </summary>
internal abstract partial class ProcessExecution : ISectionSource
{
    private readonly CheckpointWriter _checkpoints;

    // Set when the last step's checkpoint was left to the terminal one (see TryFinishWithoutStepCheckpoint).
    private bool _stepCheckpointSkipped;

    /// <summary>
    /// Processes always checkpoint. Tasks are atomic: they checkpoint only as children, so that
    /// a reloaded parent finds them (and reruns one that had not finished), and when they retry,
    /// so that a crash during a back-off neither loses nor repeats an attempt.
    /// </summary>
    public bool IsDurable => Descriptor.Kind == ProcessKind.Process || ParentId.HasValue || EffectiveRetryPolicy is not null;

    protected abstract void WriteInputs(ProcessWriter writer);

    protected abstract void WriteOutputs(ProcessWriter writer);

    protected abstract void WriteState(ProcessWriter writer);

    /// <summary>Reads a checkpoint back into a throwaway instance: proves it loads.</summary>
    public abstract void VerifyReadable(CheckpointEnvelope.Sections sections);

    void ISectionSource.WriteSection(SectionKind kind, ProcessWriter writer)
    {
        switch (kind)
        {
            case SectionKind.Inputs: WriteInputs(writer); break;
            case SectionKind.Outputs: WriteOutputs(writer); break;
            default: WriteState(writer); break;
        }
    }

    /// <summary>
    /// Marks the start of a step: waits for a checkpoint being written, then flags the step as
    /// running. The flag is set inside the checkpoint lock, which is what orders it against a
    /// control call's checkpoint (that one reads the flag inside the same lock), so not the execution's lock here.
    /// </summary>
    private ValueTask EnterStepAsync()
    {
        var entered = _checkpoints.EnterAsync();
        if (!entered.IsCompletedSuccessfully)
        {
            return EnterStepAfterAsync(entered);
        }

        _stepRunning = true;
        _checkpoints.Exit();
        return default;
    }

    private async ValueTask EnterStepAfterAsync(ValueTask entered)
    {
        await entered.ConfigureAwait(false);
        _stepRunning = true;
        _checkpoints.Exit();
    }

    /// <summary>
    /// Saves a checkpoint with the current status (<paramref name="unlessTerminated"/>: the
    /// checkpoint after a step, skipped when the process was terminated meanwhile). Outside a step the instance is serialized as it
    /// is; while a step runs (a forced kill) the data of the last stored checkpoint is kept and
    /// only the status changes, since the step may be halfway through changing the state.
    /// </summary>
    /// <remarks>
    /// <paramref name="keepStoredSections"/>: write the data of the last stored checkpoint even
    /// outside a step (the Excepted checkpoint of a process whose step failed halfway, so that a
    /// retry starts from the last good data); the live instance only when nothing is stored yet.
    /// With the save lock free and a synchronous store, the whole save runs on the calling thread
    /// and no asynchronous method is entered (see <see cref="CheckpointWriter.WriteLockedAsync"/>).
    /// </remarks>
    protected ValueTask SaveCheckpointAsync(bool unlessTerminated = false, bool evenIfDetached = false, bool keepStoredSections = false)
    {
        if (!IsDurable)
        {
            return default;
        }

        var entered = _checkpoints.EnterAsync();
        if (!entered.IsCompletedSuccessfully)
        {
            return SaveCheckpointWhenEnteredAsync(entered, unlessTerminated, evenIfDetached, keepStoredSections);
        }

        ValueTask written;
        try
        {
            written = SaveCheckpointLocked(unlessTerminated, evenIfDetached, keepStoredSections);
        }
        catch (Exception exception)
        {
            _checkpoints.Exit();
            return ValueTask.FromException(exception);
        }

        if (!written.IsCompletedSuccessfully)
        {
            return ExitWhenWrittenAsync(written);
        }

        _checkpoints.Exit();
        return default;
    }

    private async ValueTask SaveCheckpointWhenEnteredAsync(ValueTask entered, bool unlessTerminated, bool evenIfDetached, bool keepStoredSections)
    {
        await entered.ConfigureAwait(false);
        try
        {
            await SaveCheckpointLocked(unlessTerminated, evenIfDetached, keepStoredSections).ConfigureAwait(false);
        }
        finally
        {
            _checkpoints.Exit();
        }
    }

    private async ValueTask ExitWhenWrittenAsync(ValueTask written)
    {
        try
        {
            await written.ConfigureAwait(false);
        }
        finally
        {
            _checkpoints.Exit();
        }
    }

    /// <summary>The body of <see cref="SaveCheckpointAsync"/>; the caller holds the save lock.</summary>
    private ValueTask SaveCheckpointLocked(bool unlessTerminated, bool evenIfDetached, bool keepStoredSections)
    {
        if (IsDetached && !evenIfDetached)
        {
            return default;
        }

        bool stepRunning;
        ProcessSnapshot snapshot;
        lock (this)
        {
            // A step's own checkpoint must not overwrite a terminal one: after a forced kill,
            // whatever the abandoned step did is ignored.
            if (unlessTerminated && _state.IsTerminal())
            {
                return default;
            }

            stepRunning = _stepRunning;
            snapshot = TakeSnapshotLocked();
        }

        return _checkpoints.WriteLockedAsync(snapshot, keepStoredData: stepRunning || keepStoredSections, liveWhenNothingStored: !stepRunning);
    }

    /// <summary>
    /// After the last step of an outline, a process that goes straight on to finish skips the
    /// step's own checkpoint: the terminal one follows at once with the same state. Returns false
    /// (take the step checkpoint as usual) when a pause or kill is pending.
    /// </summary>
    protected bool TryFinishWithoutStepCheckpoint()
    {
        lock (this)
        {
            if (_pauseGate is { IsPaused: true } or { KillRequested: true } || _detached || _state.IsTerminal())
            {
                return false;
            }

            _stepCheckpointSkipped = true;
            return true;
        }
    }

    /// <summary>
    /// The runtime stopped between the last step and the terminal checkpoint: store the step's
    /// checkpoint after all, so a continued process does not rerun its last step.
    /// </summary>
    private async ValueTask SaveSkippedStepCheckpointIfStoppedAsync()
    {
        // Runs at the end of every run; only a stopped runtime needs the lock below.
        if (!_detached)
        {
            return;
        }

        lock (this)
        {
            if (!_stepCheckpointSkipped || !_detached)
            {
                return;
            }

            _stepCheckpointSkipped = false;
        }

        await SaveCheckpointAsync(evenIfDetached: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves a terminal checkpoint. When it cannot be stored the process is detached: the store
    /// keeps its last good checkpoint, and waiters learn the end was not recorded.
    /// </summary>
    private async ValueTask SaveFinalCheckpointAsync(bool keepStoredSections = false)
    {
        try
        {
            await SaveCheckpointAsync(keepStoredSections: keepStoredSections).ConfigureAwait(false);
        }
        catch (CheckpointSaveFailedException failed)
        {
            Detach(failed);
        }
        catch (Exception exception)
        {
            Log.CheckpointFailed(Logger, exception, Name, Id);
        }
    }

    /// <summary>
    /// A successful run's end (<see cref="IsRun"/>): the root deletes its own checkpoint instead of
    /// writing a terminal one; a child writes its terminal checkpoint (a reloaded parent reads
    /// its outputs from it); both delete their children's, which nothing reads any more. Store
    /// failures are logged: the process has ended anyway.
    /// </summary>
    private async ValueTask RetireRunCheckpointsAsync()
    {
        if (ParentId.HasValue)
        {
            await SaveFinalCheckpointAsync().ConfigureAwait(false);
        }

        // Every child this process ever launched, not only the ones its checkpoint names now: a
        // key launched again replaced its earlier child, and ProcessContext.RunAsync children
        // have no key at all.
        // Most runs launch no child: they allocate no set.
        HashSet<ProcessId>? children = null;
        var launchedChildren = false;
        // The child table is created by the first launch and never dropped: without one there is nothing to collect.
        if (Volatile.Read(ref _childTable) is not null)
        {
            lock (this)
            {
                launchedChildren = _childTable is { LaunchedAny: true };
                if (_childTable is not null)
                {
                    foreach (var child in _childTable.Records)
                    {
                        (children ??= []).Add(child.Id);
                    }
                }
            }
        }

        if (launchedChildren)
        {
            try
            {
                foreach (var info in await Runtime.Store.ListAsync(CheckpointQuery.ForParent(Id)).ConfigureAwait(false))
                {
                    (children ??= []).Add(info.Id);
                }
            }
            catch (Exception exception)
            {
                Log.CheckpointDeleteFailed(Logger, exception, Name, Id);
            }
        }

        // Under the save lock, so a pause checkpoint racing the end cannot land after the delete.
        await _checkpoints.EnterAsync().ConfigureAwait(false);
        try
        {
            if (children is not null)
            {
                foreach (var child in children)
                {
                    await _checkpoints.DeleteAsync(child).ConfigureAwait(false);
                }
            }

            if (!ParentId.HasValue && IsDurable)
            {
                await _checkpoints.DeleteAsync(Id).ConfigureAwait(false);
            }
        }
        finally
        {
            _checkpoints.Exit();
        }
    }

    /// <summary>The status and position to write; the caller holds the lock.</summary>
    private ProcessSnapshot TakeSnapshotLocked()
    {
        var seldom = _seldom;
        var snapshot = new ProcessSnapshot
        {
            Id = Id,
            Name = Name,
            ParentId = ParentId,
            CreatedAt = CreatedAt,
            State = _state,
            Paused = _pauseGate is { IsPaused: true },
            StatusMessage = seldom?.StatusMessage,
            StatusBeforePause = _pauseGate?.StatusBeforePause,
            Position = Position,
            Children = _childTable?.RecordsToArray() ?? Array.Empty<ChildRecord>(),
            AwaitedChildren = _childTable?.AwaitedToArray() ?? Array.Empty<string>(),
            ExitCode = _exitCode,
            ExitMessage = seldom?.ExitMessage,
            KillMessage = _pauseGate?.KillMessage,
            Error = seldom?.Error,
            Tags = Tags,
            TraceParent = seldom?.TraceParent,
            OutlineFingerprint = Descriptor.OutlineFingerprint,
            StepSequence = StepSequence,
            Attempt = _attempt,
            RetryDueAt = seldom?.RetryDueAt,
            TimerDueAt = seldom?.TimerDueAt,
            StateWaitDeadline = seldom?.StateWaitDeadline,
            Retry = seldom?.RetryOverride,
            TimeLimit = seldom?.TimeLimitOverride,
            EmittedOutputs = EmittedOutputsLocked(),
        };
        return seldom?.Events is { } events ? events.WriteTo(snapshot) : snapshot;
    }
}
