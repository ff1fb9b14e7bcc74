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
    Delegate? Step,
    Func<bool>? Condition,
    int Target,
    int ExitCode,
    string? ExitMessage)
{
    /// <summary>A step is kept as the user's own delegate, in any of the four shapes, and dispatched here: no wrapper per step.</summary>
    public static OutlineInstruction ForStep(string name, Delegate step) =>
        new(OutlineInstructionKind.Step, name, step, null, -1, 0, null);

    public ValueTask InvokeStep(StepContext context)
    {
        switch (Step)
        {
            case Action action:
                action();
                return default;
            case Action<StepContext> withContext:
                withContext(context);
                return default;
            case Func<ValueTask> asynchronous:
                return asynchronous();
            case Func<StepContext, ValueTask> asynchronousWithContext:
                return asynchronousWithContext(context);
            default:
                throw new InvalidOperationException($"The outline instruction '{Name}' is not a step.");
        }
    }

    public static OutlineInstruction ForJumpUnless(string name, Func<bool> condition) =>
        new(OutlineInstructionKind.JumpUnless, name, null, condition, -1, 0, null);

    public static OutlineInstruction ForJump() =>
        new(OutlineInstructionKind.Jump, "jump", null, null, -1, 0, null);

    public static OutlineInstruction ForReturn(int exitCode, string? message) =>
        new(OutlineInstructionKind.Return, "return", null, null, -1, exitCode, message);

    public OutlineInstruction WithTarget(int target) => this with { Target = target };
}
