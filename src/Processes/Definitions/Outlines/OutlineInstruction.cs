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
    WaitForState,
}

/// <summary>An outline's wait for a shared state: the client to wait on, the process's deadline keeper (timeout in, time left out) and the process's cancellation.</summary>
internal delegate ValueTask StateWait(ISharedStateClient client, Func<TimeSpan, TimeSpan> timeLeft, System.Threading.CancellationToken cancellationToken);

/// <summary>
/// One instruction of a compiled outline. Conditions and jumps are re-evaluated on resume (they
/// read process state, which the checkpoint restores), steps are never rerun once completed.
/// Kept small: a run whose type has no shared outline builds its outline afresh, since its
/// delegates are bound to the instance.
/// </summary>
/// <param name="Kind">What the instruction does.</param>
/// <param name="Name">The step or condition as written in the outline (for logs and errors).</param>
/// <param name="Code">The step (one of four delegate shapes, or a shared outline's <c>Func&lt;TProcess, StepContext, ValueTask&gt;</c>) or the condition (<see cref="Func{Boolean}"/>).</param>
/// <param name="Operand">The jump target, or the exit code of a <see cref="OutlineInstructionKind.Return"/>.</param>
/// <param name="ExitMessage">The exit message of a <see cref="OutlineInstructionKind.Return"/>.</param>
internal readonly record struct OutlineInstruction(
    OutlineInstructionKind Kind,
    string Name,
    Delegate? Code,
    int Operand,
    string? ExitMessage)
{
    public int Target => Operand;

    public int ExitCode => Operand;

    public Func<bool>? Condition => Code as Func<bool>;

    /// <summary>A step is kept as the user's own delegate, in any of the four shapes, and dispatched here: no wrapper per step.</summary>
    public static OutlineInstruction ForStep(string name, Delegate step) =>
        new(OutlineInstructionKind.Step, name, step, -1, null);

    /// <summary>Runs the step for <paramref name="process"/>: a shared outline's step is given the instance, the others are bound to it.</summary>
    public ValueTask InvokeStep<TProcess>(TProcess process, StepContext context)
        where TProcess : class =>
        Code is Func<TProcess, StepContext, ValueTask> shared ? shared(process, context) : InvokeStep(context);

    public ValueTask InvokeStep(StepContext context)
    {
        switch (Code)
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
        new(OutlineInstructionKind.JumpUnless, name, condition, -1, null);

    public static OutlineInstruction ForJump() =>
        new(OutlineInstructionKind.Jump, "jump", null, -1, null);

    /// <summary>
    /// A wait until a shared state meets a condition: <paramref name="wait"/> waits on the
    /// process's shared state client. The condition is not stored: a continued process rebuilds the
    /// outline, reaches this instruction again and waits again, on the state as it is then. A wait
    /// with a timeout asks the process for the time left (its second argument, given the timeout):
    /// the process fixes the deadline when the wait first starts and checkpoints it, so a continued
    /// process keeps it.
    /// </summary>
    public static OutlineInstruction ForWaitForState(string name, StateWait wait) =>
        new(OutlineInstructionKind.WaitForState, name, wait, -1, null);

    public StateWait? StateWaitCode => Code as StateWait;

    public static OutlineInstruction ForReturn(int exitCode, string? message) =>
        new(OutlineInstructionKind.Return, "return", null, exitCode, message);

    public OutlineInstruction WithTarget(int target) => this with { Operand = target };
}
