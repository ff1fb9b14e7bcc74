using System;
using System.Threading.Tasks;

namespace Processes;

/// <summary>What an outline instruction does.</summary>
internal enum OutlineInstructionKind
{
    Step,
    JumpUnless,
    Jump,
    Return,
}

/// <summary>
/// One instruction of a compiled outline. Conditions and jumps are re-evaluated on resume (they
/// read process state, which the checkpoint restores), steps are never rerun once completed.
/// </summary>
internal readonly record struct OutlineInstruction(
    OutlineInstructionKind Kind,
    string Name,
    Func<StepContext, ValueTask>? Step,
    Func<bool>? Condition,
    int Target,
    int ExitCode,
    string? ExitMessage)
{
    public static OutlineInstruction ForStep(string name, Func<StepContext, ValueTask> step) =>
        new(OutlineInstructionKind.Step, name, step, null, -1, 0, null);

    public static OutlineInstruction ForJumpUnless(string name, Func<bool> condition) =>
        new(OutlineInstructionKind.JumpUnless, name, null, condition, -1, 0, null);

    public static OutlineInstruction ForJump() =>
        new(OutlineInstructionKind.Jump, "jump", null, null, -1, 0, null);

    public static OutlineInstruction ForReturn(int exitCode, string? message) =>
        new(OutlineInstructionKind.Return, "return", null, null, -1, exitCode, message);

    public OutlineInstruction WithTarget(int target) => this with { Target = target };
}
