using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes;

/// <summary>
/// The generated, typed part of a descriptor. The generator derives one class from it per
/// <c>[Process]</c> or <c>[Task]</c>, nested in the user's class so it reaches private state.
/// </summary>
/// <typeparam name="TProcess">The process class.</typeparam>
public abstract class ProcessDescriptor<TProcess> : ProcessDescriptor
    where TProcess : class
{
    /// <summary>Creates a descriptor.</summary>
    protected ProcessDescriptor(string name, ProcessKind kind)
        : base(name, kind)
    {
    }

    /// <summary>Checks the instance's inputs, adding every error with its path under <c>inputs</c>.</summary>
    public abstract void ValidateInputs(TProcess process, PortErrorCollector errors);

    /// <summary>Checks the instance's outputs, adding every error with its path under <c>outputs</c>.</summary>
    public abstract void ValidateOutputs(TProcess process, PortErrorCollector errors);

    /// <summary>The instance's input values by port name (nested namespaces as their typed values).</summary>
    public abstract IReadOnlyDictionary<string, object?> GetInputs(TProcess process);

    /// <summary>The instance's output values by port name; unset optional outputs are left out.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetOutputs(TProcess process);

    /// <summary>
    /// Creates a new instance with the input values of <paramref name="process"/> and nothing
    /// else: outputs and state keep their initializers. The values are shared, not cloned (an
    /// input array or list is the same object in both instances). A remote client returns a
    /// call's outputs in such a copy, so the caller's instance is never changed and no input is
    /// read back from bytes. The default goes through <see cref="GetInputs"/> and
    /// <see cref="ProcessDescriptor.CreateFromInputs"/>; an override may copy the members directly.
    /// </summary>
    public virtual TProcess CopyInputs(TProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return (TProcess)CreateFromInputs(GetInputs(process));
    }

    /// <summary>Writes the inputs as a name-keyed, version-tolerant section.</summary>
    public abstract void WriteInputs(TProcess process, ProcessWriter writer);

    /// <summary>Creates an instance from an inputs section; members missing from the data keep their defaults.</summary>
    public abstract TProcess ReadInputs(ref ProcessReader reader);

    /// <summary>Writes the outputs as a name-keyed, version-tolerant section.</summary>
    public abstract void WriteOutputs(TProcess process, ProcessWriter writer);

    /// <summary>Reads an outputs section into the instance; unknown members are skipped.</summary>
    public abstract void ReadOutputs(TProcess process, ref ProcessReader reader);

    /// <summary>Writes the state fields as a name-keyed, version-tolerant section.</summary>
    public abstract void WriteState(TProcess process, ProcessWriter writer);

    /// <summary>Reads a state section into the instance; unknown members are skipped.</summary>
    public abstract void ReadState(TProcess process, ref ProcessReader reader);

    /// <summary>Runs a task's body. Only tasks override it.</summary>
    public virtual ValueTask RunAsync(TProcess process, TaskContext context) =>
        throw new InvalidOperationException($"'{Name}' is a process: it runs an outline, not a task body.");

    /// <summary>Builds a process's outline by calling its <c>DefineOutline</c> method. Only processes override it.</summary>
    public virtual void DefineOutline(TProcess process, OutlineBuilder outline) =>
        throw new InvalidOperationException($"'{Name}' is a task: it has a body, not an outline.");

    /// <inheritdoc />
    internal sealed override Runtime.IProcessAdapter CreateAdapter() => new Runtime.ProcessAdapter<TProcess>(this);
}
