using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace Processes.Generated;

/// <summary>
/// Builds an outline that every instance of a process type shares (for the generated
/// descriptors, see <see cref="ProcessDescriptor{TProcess}.DefineSharedOutline"/>): each step is
/// given the instance it runs for, so the outline is built once per type instead of once per run.
/// Only plain chains of steps are shared; an outline with conditions, loops, waits, returns or
/// maps is built per run by <see cref="OutlineBuilder"/>.
/// </summary>
/// <typeparam name="TProcess">The process class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SharedOutlineBuilder<TProcess>
    where TProcess : class
{
    internal SharedOutlineBuilder()
    {
    }

    /// <summary>The instructions built so far.</summary>
    internal OutlineBuilder Outline { get; } = new(sizeHint: 4);

    /// <summary>
    /// Adds a step: <paramref name="step"/> runs it on the instance given (a static lambda calling
    /// the step method), named <paramref name="name"/> as <see cref="OutlineBuilder.Step(Action, string)"/>
    /// names it (the method group as written).
    /// </summary>
    /// <param name="step">Runs the step on an instance, with the step's context.</param>
    /// <param name="name">The step's name in logs, traces and errors.</param>
    public SharedOutlineBuilder<TProcess> Step(Func<TProcess, StepContext, ValueTask> step, string name)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(name);
        Outline.AddSharedStep(name, step);
        return this;
    }
}
