using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// Declares a process's outline (plumpy's WorkChain outline): steps in sequence, <c>If</c>/else,
/// <c>While</c>, an early <c>Return</c>, and durable waits between steps (<c>WaitFor</c>,
/// <c>WaitUntil</c>, <c>WaitForEvent</c>). A process fills it in its
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
public sealed partial class OutlineBuilder
{
    // A run whose type has no shared outline (see SharedOutlineBuilder) builds its outline afresh:
    // the steps are delegates bound to the instance. The builder and its array are this thread's
    // spare when there is one (Rent): a run that ends on the thread it started on (every
    // synchronous process) leaves them, cleared, to the next run there (Release). Processes alive
    // at once each hold a builder with an array of their outline's size.
    [ThreadStatic]
    private static OutlineBuilder? t_spare;

    private OutlineInstruction[] _instructions;
    private int _count;

    internal OutlineBuilder(int sizeHint = 4) => _instructions = new OutlineInstruction[Math.Max(1, sizeHint)];

    /// <summary>This thread's spare builder, empty, with room for <paramref name="sizeHint"/> instructions; or a new one.</summary>
    internal static OutlineBuilder Rent(int sizeHint)
    {
        if (t_spare is not { } spare)
        {
            return new OutlineBuilder(sizeHint);
        }

        t_spare = null;
        if (spare._instructions.Length < sizeHint)
        {
            spare._instructions = new OutlineInstruction[sizeHint];
        }

        return spare;
    }

    /// <summary>The number of instructions; a position equal to it means finished.</summary>
    internal int Count => _count;

    /// <summary>The instruction at <paramref name="position"/> (0 to <see cref="Count"/> - 1).</summary>
    internal OutlineInstruction this[int position] =>
        (uint)position < (uint)_count ? _instructions[position] : throw new ArgumentOutOfRangeException(nameof(position));

    /// <summary>
    /// Leaves the builder, cleared (its delegates hold the process), as this thread's spare for the
    /// next <see cref="Rent"/>; the caller must not use it after.
    /// </summary>
    internal void Release()
    {
        _instructions.AsSpan(0, _count).Clear();
        _count = 0;
        if (t_spare is not { } spare || spare._instructions.Length < _instructions.Length)
        {
            t_spare = this;
        }
    }

    /// <summary>Adds a step of a shared outline (see <see cref="Generated.SharedOutlineBuilder{TProcess}"/>).</summary>
    internal void AddSharedStep(string name, Delegate step) => Append(OutlineInstruction.ForStep(name, step));

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
            _instructions[branch] = _instructions[branch].WithTarget(_count);
            return this;
        }

        var skipElse = Append(OutlineInstruction.ForJump());
        _instructions[branch] = _instructions[branch].WithTarget(_count);
        otherwise(this);
        _instructions[skipElse] = _instructions[skipElse].WithTarget(_count);
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
        var start = _count;
        var exit = Append(OutlineInstruction.ForJumpUnless(name, condition));
        body(this);
        Append(OutlineInstruction.ForJump().WithTarget(start));
        _instructions[exit] = _instructions[exit].WithTarget(_count);
        return this;
    }

    /// <summary>
    /// A durable timer between steps: the process waits (state <see cref="ProcessState.Waiting"/>,
    /// no thread held) for <paramref name="delay"/> before the next instruction. It is the same
    /// wait as <see cref="StepContext.WaitFor"/> in a step of its own: the due time is
    /// checkpointed, so a process stopped or crashed meanwhile and continued anywhere wakes at the
    /// original time, or at once when it has passed.
    /// </summary>
    /// <param name="delay">How long to wait; zero or more.</param>
    public OutlineBuilder WaitFor(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Add(OutlineInstruction.ForStep("wait for " + delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture), (Action<StepContext>)(context => context.WaitFor(delay))));
    }

    /// <summary>
    /// A durable timer whose length is computed from the process's state when the outline reaches
    /// it (e.g. a back-off that grows with an attempt counter); otherwise as <see cref="WaitFor(TimeSpan)"/>.
    /// </summary>
    /// <param name="delay">Computes the delay; a negative one fails the process like a failing step.</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    public OutlineBuilder WaitFor(Func<TimeSpan> delay, [CallerArgumentExpression(nameof(delay))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(delay);
        return Add(OutlineInstruction.ForStep("wait for " + name, (Action<StepContext>)(context => context.WaitFor(delay()))));
    }

    /// <summary>
    /// A durable timer until a time computed from the process's state when the outline reaches it
    /// (e.g. a deadline input); a time in the past goes on at once. Otherwise as <see cref="WaitFor(TimeSpan)"/>.
    /// </summary>
    /// <param name="due">Computes when to go on.</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    public OutlineBuilder WaitUntil(Func<DateTimeOffset> due, [CallerArgumentExpression(nameof(due))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(due);
        return Add(OutlineInstruction.ForStep("wait until " + name, (Action<StepContext>)(context => context.WaitUntil(due()))));
    }

    /// <summary>
    /// Waits between steps for the external event <paramref name="eventName"/> (raised with
    /// <see cref="IProcessClient.RaiseEventAsync(ProcessId, string, System.Threading.CancellationToken)"/>),
    /// at most <paramref name="timeout"/> when one is given: the same durable wait as
    /// <see cref="StepContext.WaitForEvent(string)"/> in a step of its own. The next step reads the
    /// event with <see cref="StepContext.GetEvent{TPayload}"/> or <see cref="StepContext.HasEvent"/>
    /// (false after a timeout).
    /// </summary>
    /// <param name="eventName">The event's name.</param>
    /// <param name="timeout">The longest wait, or null to wait until the event comes.</param>
    public OutlineBuilder WaitForEvent(string eventName, TimeSpan? timeout = null) => WaitForAnyEvent([eventName], timeout);

    /// <summary>
    /// Waits between steps for whichever of <paramref name="eventNames"/> is raised first, at most
    /// <paramref name="timeout"/> when one is given (see <see cref="WaitForEvent(string, TimeSpan?)"/>).
    /// </summary>
    /// <param name="eventNames">The names; at least one.</param>
    /// <param name="timeout">The longest wait, or null to wait until one of the events comes.</param>
    public OutlineBuilder WaitForAnyEvent(IReadOnlyList<string> eventNames, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(eventNames);
        if (eventNames.Count == 0)
        {
            throw new ArgumentException("Wait for at least one event.", nameof(eventNames));
        }

        var names = new string[eventNames.Count];
        for (var i = 0; i < names.Length; i++)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(eventNames[i]);
            names[i] = eventNames[i];
        }

        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero, nameof(timeout));
        }

        var label = "wait for event " + string.Join(" or ", names) + (timeout is { } shown ? " (at most " + shown.ToString("c", System.Globalization.CultureInfo.InvariantCulture) + ")" : string.Empty);
        return Add(OutlineInstruction.ForStep(label, (Action<StepContext>)(context =>
        {
            foreach (var name in names)
            {
                if (timeout is { } limit)
                {
                    context.WaitForEvent(name, limit);
                }
                else
                {
                    context.WaitForEvent(name);
                }
            }
        })));
    }

    /// <summary>
    /// Waits between steps until the shared state <typeparamref name="TState"/> under
    /// <paramref name="key"/> meets <paramref name="condition"/>: at once when it already does,
    /// else the process is <see cref="ProcessState.Waiting"/> (no thread held; the checkpoint says
    /// so) and wakes on the first change that meets it. The condition is code, so it is not
    /// stored: a process stopped or crashed during the wait and continued anywhere reaches this
    /// instruction again (its outline is rebuilt from its definition) and waits again, on the
    /// state as it is then (at once if the condition was met meanwhile). The condition may read
    /// the process's inputs and state; keep it cheap and free of side effects, it runs on every
    /// change of the state.
    /// </summary>
    /// <typeparam name="TState">The <c>[SharedState]</c> class.</typeparam>
    /// <param name="key">The state's key.</param>
    /// <param name="condition">When to go on.</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    public OutlineBuilder WaitForState<TState>(string key, Func<TState, bool> condition, [CallerArgumentExpression(nameof(condition))] string name = "")
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(key);
        return AddStateWait(() => key, key, condition, timeout: null, name);
    }

    /// <summary>
    /// Waits between steps until the shared state <typeparamref name="TState"/> under the key
    /// <paramref name="key"/> returns meets <paramref name="condition"/>, as
    /// <see cref="WaitForState{TState}(string, Func{TState, bool}, string)"/> does; the key is
    /// computed when the outline reaches the instruction (from the process's state, say a key a
    /// step chose), and again when a continued process reaches it.
    /// </summary>
    /// <typeparam name="TState">The <c>[SharedState]</c> class.</typeparam>
    /// <param name="key">Computes the state's key.</param>
    /// <param name="condition">When to go on.</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    /// <param name="keyName">The key's expression in the instruction's name; the compiler fills it in.</param>
    public OutlineBuilder WaitForState<TState>(
        Func<string> key,
        Func<TState, bool> condition,
        [CallerArgumentExpression(nameof(condition))] string name = "",
        [CallerArgumentExpression(nameof(key))] string keyName = "")
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(key);
        return AddStateWait(key, keyName, condition, timeout: null, name);
    }

    /// <summary>
    /// Waits between steps until the shared state meets <paramref name="condition"/>, as
    /// <see cref="WaitForState{TState}(string, Func{TState, bool}, string)"/> does, but at most
    /// <paramref name="timeout"/>. The deadline is a durable timer's: fixed when the wait starts
    /// (by the runtime's <see cref="ProcessRuntimeOptions.TimeProvider"/>) and checkpointed with
    /// the Waiting process, so a process stopped or crashed during the wait and continued keeps
    /// the original deadline (a continued process whose deadline has passed checks the condition
    /// once and times out at once unless it is met). When the deadline passes first, the
    /// instruction fails with <see cref="SharedStateWatchTimeoutException"/> (the state, key and
    /// this timeout): the process is excepted, or retried by its retry policy.
    /// </summary>
    /// <typeparam name="TState">The <c>[SharedState]</c> class.</typeparam>
    /// <param name="key">The state's key.</param>
    /// <param name="condition">When to go on.</param>
    /// <param name="timeout">The longest wait (zero or more).</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    public OutlineBuilder WaitForState<TState>(string key, Func<TState, bool> condition, TimeSpan timeout, [CallerArgumentExpression(nameof(condition))] string name = "")
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(key);
        return AddStateWait(() => key, key, condition, timeout, name);
    }

    /// <summary>
    /// As <see cref="WaitForState{TState}(string, Func{TState, bool}, TimeSpan, string)"/>, with
    /// the key computed when the outline reaches the instruction (see
    /// <see cref="WaitForState{TState}(Func{string}, Func{TState, bool}, string, string)"/>).
    /// </summary>
    /// <typeparam name="TState">The <c>[SharedState]</c> class.</typeparam>
    /// <param name="key">Computes the state's key.</param>
    /// <param name="condition">When to go on.</param>
    /// <param name="timeout">The longest wait (zero or more).</param>
    /// <param name="name">The instruction's name in logs and traces; the compiler fills it in.</param>
    /// <param name="keyName">The key's expression in the instruction's name; the compiler fills it in.</param>
    public OutlineBuilder WaitForState<TState>(
        Func<string> key,
        Func<TState, bool> condition,
        TimeSpan timeout,
        [CallerArgumentExpression(nameof(condition))] string name = "",
        [CallerArgumentExpression(nameof(key))] string keyName = "")
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(key);
        return AddStateWait(key, keyName, condition, timeout, name);
    }

    private OutlineBuilder AddStateWait<TState>(Func<string> keyOf, string keyName, Func<TState, bool> condition, TimeSpan? timeout, string name)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (timeout is not { } limit)
        {
            return Add(OutlineInstruction.ForWaitForState(
                "wait for state " + TState.StateName + " " + keyName + " " + name,
                async (client, _, cancellationToken) => await client.WaitUntilAsync(KeyOf(keyOf), condition, cancellationToken: cancellationToken).ConfigureAwait(false)));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero, nameof(timeout));
        return Add(OutlineInstruction.ForWaitForState(
            "wait for state " + TState.StateName + " " + keyName + " " + name + " (at most " + limit.ToString("c", System.Globalization.CultureInfo.InvariantCulture) + ")",
            async (client, timeLeft, cancellationToken) =>
            {
                try
                {
                    await client.WaitUntilAsync(KeyOf(keyOf), condition, timeLeft(limit), cancellationToken).ConfigureAwait(false);
                }
                catch (SharedStateWatchTimeoutException timedOut)
                {
                    throw new SharedStateWatchTimeoutException(timedOut.StateName, timedOut.Key, timedOut.AfterVersion, limit);
                }
            }));
    }

    private static string KeyOf(Func<string> keyOf) =>
        keyOf() is { Length: > 0 } key ? key : throw new InvalidOperationException("The key of an outline's WaitForState was null or empty when the outline reached it.");

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
        if (_count == _instructions.Length)
        {
            Grow();
        }

        _instructions[_count] = instruction;
        return _count++;
    }

    private void Grow()
    {
        var larger = new OutlineInstruction[Math.Max(4, _instructions.Length * 2)];
        _instructions.AsSpan(0, _count).CopyTo(larger);
        _instructions = larger;
    }
}
