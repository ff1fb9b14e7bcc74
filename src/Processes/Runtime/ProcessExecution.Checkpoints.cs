using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>Taking checkpoints: after each step, on pause, play and at the end.</summary>
internal abstract partial class ProcessExecution
{
    private readonly SemaphoreSlim _saveLock = new(1, 1);
    private byte[]? _inputsSection;
    private byte[]? _outputsSection;
    private byte[]? _stateSection;

    /// <summary>
    /// Processes always checkpoint. Tasks are atomic: they checkpoint only as children, so that
    /// a reloaded parent finds them (and reruns one that had not finished).
    /// </summary>
    private bool IsDurable => Descriptor.Kind == ProcessKind.Process || ParentId.HasValue;

    protected abstract void WriteInputs(ProcessWriter writer);

    protected abstract void WriteOutputs(ProcessWriter writer);

    protected abstract void WriteState(ProcessWriter writer);

    /// <summary>Reads a checkpoint back into a throwaway instance: proves it loads.</summary>
    protected abstract void VerifyReadable(CheckpointEnvelope.Sections sections);

    /// <summary>Seeds the cached sections from a loaded checkpoint, so control calls before the next step can save.</summary>
    protected void SeedSections(CheckpointEnvelope.Sections sections)
    {
        _inputsSection = sections.Inputs.ToArray();
        _outputsSection = sections.Outputs.ToArray();
        _stateSection = sections.State.ToArray();
    }

    /// <summary>
    /// Saves a checkpoint. <paramref name="refreshData"/> re-serializes outputs and state; it is
    /// only passed by the process's own loop, between steps, so no step is mutating them. Control
    /// calls reuse the data of the last step's checkpoint with the new status.
    /// </summary>
    protected async ValueTask SaveCheckpointAsync(bool refreshData)
    {
        if (!IsDurable)
        {
            return;
        }

        await _saveLock.WaitAsync().ConfigureAwait(false);
        var writer = Runtime.RentWriter();
        try
        {
            if (IsDetached)
            {
                return;
            }

            if (_inputsSection is null)
            {
                _inputsSection = Capture(writer, WriteInputs);
            }

            if (refreshData || _outputsSection is null || _stateSection is null)
            {
                _outputsSection = Capture(writer, WriteOutputs);
                _stateSection = Capture(writer, WriteState);
            }

            var snapshot = TakeSnapshot();
            var sections = new CheckpointEnvelope.Sections(_inputsSection, _outputsSection, _stateSection!);
            writer.Reset();
            CheckpointEnvelope.Write(writer, snapshot, sections);
            if (Runtime.ShouldVerify(Descriptor))
            {
                Verify(writer.WrittenMemory);
            }

            var info = new CheckpointInfo(Id, Name, snapshot.State, snapshot.Paused, Tags, Runtime.TimeProvider.GetUtcNow(), ParentId);
            await Runtime.Store.SaveAsync(new Checkpoint(info, writer.WrittenMemory)).ConfigureAwait(false);
            Log.CheckpointSaved(Logger, Name, Id, snapshot.State, writer.Length);
        }
        finally
        {
            Runtime.ReturnWriter(writer);
            _saveLock.Release();
        }
    }

    /// <summary>Saves a terminal checkpoint; a failing store is logged, since the process has ended anyway.</summary>
    private async ValueTask SaveFinalCheckpointAsync(bool refreshData)
    {
        try
        {
            await SaveCheckpointAsync(refreshData).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.CheckpointFailed(Logger, exception, Name, Id);
        }
    }

    private static byte[] Capture(ProcessWriter writer, Action<ProcessWriter> write)
    {
        writer.Reset();
        write(writer);
        return writer.ToArray();
    }

    private void Verify(ReadOnlyMemory<byte> data)
    {
        try
        {
            var (_, sections) = CheckpointEnvelope.Read(data, $"of {Name} {Id}");
            VerifyReadable(sections);
        }
        catch (ProcessException exception)
        {
            throw new CheckpointVerificationException(Id, Name, exception);
        }
    }

    private ProcessSnapshot TakeSnapshot()
    {
        lock (_gate)
        {
            return new ProcessSnapshot
            {
                Id = Id,
                Name = Name,
                ParentId = ParentId,
                CreatedAt = CreatedAt,
                State = _state,
                Paused = _paused,
                StatusMessage = _statusMessage,
                StatusBeforePause = _statusBeforePause,
                Position = Position,
                Children = _children.Count == 0 ? Array.Empty<ChildRecord>() : _children.ToArray(),
                AwaitedChildren = _awaited.Count == 0 ? Array.Empty<string>() : _awaited.ToArray(),
                ExitCode = _exitCode,
                ExitMessage = _exitMessage,
                KillMessage = _killMessage,
                Error = _error,
                Tags = Tags,
            };
        }
    }
}
