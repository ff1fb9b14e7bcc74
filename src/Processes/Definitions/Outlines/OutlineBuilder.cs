using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// Declares a process's outline (plumpy's WorkChain outline): steps in sequence, <c>If</c>/else,
/// <c>While</c> and an early <c>Return</c>. A process fills it in its
/// <c>void DefineOutline(OutlineBuilder outline)</c> method with method groups:
/// <code>
/// outline.Step(Setup)
///        .While(NotConverged, body => body.Step(Iterate))
///        .If(HasFailed, then => then.Return(1, "did not converge"))
///        .Step(Report);
/// </code>
/// The outline is compiled to a flat list of instructions; a checkpoint records the index of the
/// next one, so a reloaded process resumes exactly where it stopped.
/// </summary>
public sealed class OutlineBuilder
{
    private readonly List<OutlineInstruction> _instructions;

    internal OutlineBuilder()
        : this(new List<OutlineInstruction>(4))
    {
    }

    private OutlineBuilder(List<OutlineInstruction> instructions) => _instructions = instructions;

    internal IReadOnlyList<OutlineInstruction> Instructions => _instructions;

    /// <summary>Adds a synchronous step that needs no context.</summary>
    public OutlineBuilder Step(Action step, [CallerArgumentExpression(nameof(step))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(step);
        return Add(OutlineInstruction.ForStep(name, step));
    }

    /// <summary>Adds a synchronous step that uses the step context (for example to launch children).</summary>
    public OutlineBuilder Step(Action<StepContext> step, [CallerArgumentExpression(nameof(step))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(step);
        return Add(OutlineInstruction.ForStep(name, step));
    }

    /// <summary>Adds an asynchronous step without context.</summary>
    public OutlineBuilder Step(Func<ValueTask> step, [CallerArgumentExpression(nameof(step))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(step);
        return Add(OutlineInstruction.ForStep(name, step));
    }

    /// <summary>Adds an asynchronous step that uses the step context.</summary>
    public OutlineBuilder Step(Func<StepContext, ValueTask> step, [CallerArgumentExpression(nameof(step))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(step);
        return Add(OutlineInstruction.ForStep(name, step));
    }

    /// <summary>Runs <paramref name="then"/> when <paramref name="condition"/> holds, otherwise <paramref name="otherwise"/>.</summary>
    public OutlineBuilder If(
        Func<bool> condition,
        Action<OutlineBuilder> then,
        Action<OutlineBuilder>? otherwise = null,
        [CallerArgumentExpression(nameof(condition))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(then);
        var branch = Append(OutlineInstruction.ForJumpUnless(name, condition));
        then(this);
        if (otherwise is null)
        {
            _instructions[branch] = _instructions[branch].WithTarget(_instructions.Count);
            return this;
        }

        var skipElse = Append(OutlineInstruction.ForJump());
        _instructions[branch] = _instructions[branch].WithTarget(_instructions.Count);
        otherwise(this);
        _instructions[skipElse] = _instructions[skipElse].WithTarget(_instructions.Count);
        return this;
    }

    /// <summary>Runs <paramref name="body"/> again and again while <paramref name="condition"/> holds.</summary>
    public OutlineBuilder While(
        Func<bool> condition,
        Action<OutlineBuilder> body,
        [CallerArgumentExpression(nameof(condition))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(body);
        var start = _instructions.Count;
        var exit = Append(OutlineInstruction.ForJumpUnless(name, condition));
        body(this);
        Append(OutlineInstruction.ForJump().WithTarget(start));
        _instructions[exit] = _instructions[exit].WithTarget(_instructions.Count);
        return this;
    }

    /// <summary>
    /// Ends the process here. An exit code other than 0 makes it finish unsuccessfully, with
    /// <paramref name="message"/> kept as the reason.
    /// </summary>
    public OutlineBuilder Return(int exitCode = 0, string? message = null) =>
        Add(OutlineInstruction.ForReturn(exitCode, message));

    private OutlineBuilder Add(OutlineInstruction instruction)
    {
        Append(instruction);
        return this;
    }

    private int Append(OutlineInstruction instruction)
    {
        _instructions.Add(instruction);
        return _instructions.Count - 1;
    }
}
