using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>The typed half of an execution: runs the generated body or outline and (de)serializes the instance.</summary>
internal sealed class ProcessExecution<TProcess> : ProcessExecution
    where TProcess : class
{
    private readonly ProcessDescriptor<TProcess> _descriptor;

    public ProcessExecution(ProcessRuntime runtime, ProcessDescriptor<TProcess> descriptor, TProcess process, ProcessSnapshot snapshot)
        : base(runtime, descriptor, snapshot)
    {
        _descriptor = descriptor;
        Process = process;
    }

    public TProcess Process { get; }

    public override object Instance => Process;

    public override string? ConcurrencyKey() => _descriptor.ConcurrencyKey(Process);

    /// <summary>Rebuilds an execution from a checkpoint.</summary>
    public static ProcessExecution<TProcess> Restore(
        ProcessRuntime runtime, ProcessDescriptor<TProcess> descriptor, ProcessSnapshot snapshot, CheckpointEnvelope.Sections sections)
    {
        var process = ReadInstance(descriptor, sections, $"of {snapshot.Name} {snapshot.Id}");
        snapshot = OutlineVersions.Reconcile(descriptor, process, snapshot);
        var execution = new ProcessExecution<TProcess>(runtime, descriptor, process, snapshot);
        return execution;
    }

    private static TProcess ReadInstance(ProcessDescriptor<TProcess> descriptor, CheckpointEnvelope.Sections sections, string source)
    {
        try
        {
            var reader = sections.NewReader(sections.Inputs);
            var process = descriptor.ReadInputs(ref reader);
            reader = sections.NewReader(sections.Outputs);
            descriptor.ReadOutputs(process, ref reader);
            reader = sections.NewReader(sections.State);
            descriptor.ReadState(process, ref reader);
            return process;
        }
        catch (ProcessSerializationException exception)
        {
            throw CheckpointCorruption.From(source, exception);
        }
    }

    protected override ProcessHandle CreateHandle() => new ProcessHandle<TProcess>(this);

    public override IReadOnlyList<PortError> ValidateRestoredInputs() =>
        ScratchErrors.Validate(_descriptor, Process, outputs: false) ?? Array.Empty<PortError>();

    protected override IReadOnlyList<PortError> ValidateOutputs() =>
        ScratchErrors.Validate(_descriptor, Process, outputs: true) ?? Array.Empty<PortError>();

    public override IReadOnlyDictionary<string, object?> GetOutputValues() => _descriptor.GetOutputs(Process);

    protected override void WriteInputs(ProcessWriter writer) => _descriptor.WriteInputs(Process, writer);

    protected override void WriteOutputs(ProcessWriter writer) => _descriptor.WriteOutputs(Process, writer);

    protected override void WriteState(ProcessWriter writer) => _descriptor.WriteState(Process, writer);

    public override void VerifyReadable(CheckpointEnvelope.Sections sections) =>
        ReadInstance(_descriptor, sections, $"of {Name} {Id} (read back after saving)");

    // Not async itself: a process waiting in a step keeps one state machine fewer alive.
    protected override ValueTask<BodyResult?> RunBodyAsync() =>
        _descriptor.Kind == ProcessKind.Task ? RunTaskBodyAsync() : RunOutlineAsync();

    private async ValueTask<BodyResult?> RunTaskBodyAsync()
    {
        await RunUserCodeAsync(static execution => execution._descriptor.RunAsync(execution.Process, new TaskContext(execution)), this, stepName: null).ConfigureAwait(false);
        return new BodyResult(ProcessExitCodes.Success, null);
    }

    // The instruction count of this type's last outline: the next one's array is sized by it.
    private static int s_outlineSize = 4;

    private async ValueTask<BodyResult?> RunOutlineAsync()
    {
        // A type whose outline is a plain chain of steps shares one, built once; the others build theirs per run.
        var shared = _descriptor.SharedOutline;
        var program = shared ?? OutlineBuilder.Rent(s_outlineSize);
        try
        {
            if (shared is null)
            {
                _descriptor.DefineOutline(Process, program);
                s_outlineSize = program.Count;
            }

            var context = new StepContext(this);
            await LoadFinishedChildrenAsync().ConfigureAwait(false);
            while (true)
            {
                if (HasAwaitedChildren)
                {
                    if (State == ProcessState.Running && !TryTransition(ProcessState.Waiting))
                    {
                        return null;
                    }

                    if (!await WaitForAwaitedChildrenAsync().ConfigureAwait(false))
                    {
                        return null;
                    }
                }

                if (TimerDueAt is { } due && !await WaitForTimerAsync(due).ConfigureAwait(false))
                {
                    return null;
                }

                if (HasAwaitedEvents && !await WaitForEventsAsync().ConfigureAwait(false))
                {
                    return null;
                }

                if (!await PassBoundaryAsync().ConfigureAwait(false))
                {
                    return null;
                }

                if (State == ProcessState.Waiting && !TryTransition(ProcessState.Running))
                {
                    return null;
                }

                if (Position >= program.Count)
                {
                    return new BodyResult(ProcessExitCodes.Success, null);
                }

                var instruction = program[Position];
                switch (instruction.Kind)
                {
                    case OutlineInstructionKind.Step:
                        Log.StepStarting(Logger, Name, Id, instruction.Name);
                        ClearRequestedEventWait();
                        await RunUserCodeAsync(static state => state.Instruction.InvokeStep(state.Execution.Process, state.Context), (Instruction: instruction, Context: context, Execution: this), instruction.Name).ConfigureAwait(false);
                        Position++;
                        StepSequence++;
                        CommitRequestedEventWait();
                        if (RequestedExit is { } exit)
                        {
                            // The step ended the process: no more steps, the exit code decides how it finished.
                            await ChildrenPersisted().ConfigureAwait(false);
                            return exit;
                        }

                        await ChildrenPersisted().ConfigureAwait(false);
                        if ((HasAwaitedChildren || TimerDueAt is not null || HasAwaitedEvents) && !TryTransition(ProcessState.Waiting))
                        {
                            return null;
                        }

                        if (Position >= program.Count && !HasAwaitedChildren && TimerDueAt is null && !HasAwaitedEvents && TryFinishWithoutStepCheckpoint())
                        {
                            // The terminal checkpoint, written next, holds the same state: one write instead of two.
                            return new BodyResult(ProcessExitCodes.Success, null);
                        }

                        await SaveCheckpointAsync(unlessTerminated: true).ConfigureAwait(false);
                        await DropUnclaimedReplayChildrenAsync().ConfigureAwait(false);
                        break;
                    case OutlineInstructionKind.JumpUnless:
                        Position = instruction.Condition!() ? Position + 1 : instruction.Target;
                        break;
                    case OutlineInstructionKind.Jump:
                        Position = instruction.Target;
                        break;
                    case OutlineInstructionKind.Return:
                        return new BodyResult(instruction.ExitCode, instruction.ExitMessage);
                    case OutlineInstructionKind.WaitForState:
                        if (!await WaitForStateAsync(instruction.StateWaitCode!).ConfigureAwait(false))
                        {
                            return null;
                        }

                        Position++;
                        break;
                }
            }
        }
        finally
        {
            if (shared is null)
            {
                program.Release();
            }
        }
    }
}
