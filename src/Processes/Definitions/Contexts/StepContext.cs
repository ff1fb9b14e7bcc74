using Processes.Runtime;

namespace Processes;

/// <summary>
/// The context a <c>[Process]</c> step receives. A step may launch children; after the step
/// returns, the process waits (state <see cref="ProcessState.Waiting"/>) until they all finish,
/// and the next step reads their outputs with <see cref="GetChild{TChild}"/>. A step cannot run a
/// child and wait for it inside the step (that wait would not survive a crash); a <c>[Task]</c>
/// can, with <see cref="TaskContext.RunAsync{TChild}"/>.
/// </summary>
public sealed class StepContext : ProcessContext
{
    internal StepContext(IProcessContextHost host)
        : base(host)
    {
    }

    /// <summary>
    /// Starts a child under <paramref name="key"/> and returns its id at once (the child runs
    /// after the step returns; the step does not wait for it). The parent records the child's id
    /// in its checkpoint, so a reloaded parent waits on the same child, and a step rerun after a
    /// crash gets the same child back instead of a second one. A child that fails makes the parent
    /// fail with the child's exception.
    /// </summary>
    public ProcessId StartChild<TChild>(string key, TChild child)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.LaunchChild(key, child);

    /// <summary>
    /// Returns the finished child started under <paramref name="key"/> by an earlier step, with
    /// its outputs set. Throws <see cref="System.InvalidOperationException"/> naming the key when
    /// no child was started under it, or when it was started by the running step (it has not run yet).
    /// </summary>
    public TChild GetChild<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.GetChild<TChild>(key);

    /// <summary>
    /// Returns true and the finished child started under <paramref name="key"/> by an earlier
    /// step; false when no such child exists (an optional branch that did not start one).
    /// </summary>
    public bool TryGetChild<TChild>(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TChild? child)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.TryGetChild(key, out child);

    /// <summary>
    /// A durable timer: after this step returns, the process waits (state <see cref="ProcessState.Waiting"/>,
    /// no thread held) for <paramref name="delay"/> before its next step, together with any
    /// children the step started. The due time is checkpointed with the step: a process stopped
    /// or crashed during the wait and continued anywhere wakes at the original time, or at once
    /// when it has passed. Calling it twice keeps the later time.
    /// </summary>
    public void WaitFor(System.TimeSpan delay)
    {
        System.ArgumentOutOfRangeException.ThrowIfLessThan(delay, System.TimeSpan.Zero);
        Host.StartTimer(Host.UtcNow + delay);
    }

    /// <summary>
    /// A durable timer until <paramref name="due"/> (see <see cref="WaitFor"/>); a time in the
    /// past goes on at once.
    /// </summary>
    public void WaitUntil(System.DateTimeOffset due) => Host.StartTimer(due);

    /// <summary>
    /// Ends the process once this step returns, with <paramref name="exitCode"/> and
    /// <paramref name="message"/> computed at run time (plumpy's <c>ExitCode</c> returned by a
    /// step): no later step runs. Zero finishes it successfully (its outputs are validated); any
    /// other code finishes it unsuccessfully, and waiting callers get
    /// <see cref="ProcessFinishedUnsuccessfullyException"/> with the code and message. The outline's
    /// <c>Return</c> does the same for codes known when the outline is written. A step that started
    /// children cannot end the process (end it in a later step, once they have finished).
    /// </summary>
    public void Exit(int exitCode, string? message = null) => Host.RequestExit(exitCode, message);

    /// <summary>True when a child was started under <paramref name="key"/> (by this step or an earlier one).</summary>
    public bool HasChild(string key) => Host.HasChild(key);
}
