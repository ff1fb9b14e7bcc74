using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;
using Processes.Generated;
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

    /// <summary>The argument that selects a generated constructor of <typeparamref name="TProcess"/> (for the generated descriptors).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static GeneratedConstructorMarker Marker => default;

    /// <summary>The spec of a leaf port (for the generated descriptors; see <see cref="GeneratedPorts.Value{T}"/>).</summary>
    /// <typeparam name="T">The port's value type.</typeparam>
    /// <param name="name">The port's name.</param>
    /// <param name="typeName">The C# name of its type, as the user wrote it.</param>
    /// <param name="required">True when a value must be supplied.</param>
    /// <param name="acceptsNull">True when null is a valid value.</param>
    /// <param name="help">The help text, or null.</param>
    /// <param name="jsonType">The JSON schema type, or null.</param>
    /// <param name="constraints">The other JSON schema constraints, or null for none.</param>
    /// <param name="defaultFactory">Creates the default value; null when the port has none.</param>
    /// <param name="defaultJson">The default as a JSON literal, or null.</param>
    /// <param name="validators">The port's validators, in order.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static ValuePort<T> PortSpec<T>(
        string name,
        string typeName,
        bool required,
        bool acceptsNull,
        string? help,
        string? jsonType,
        PortSchemaConstraints? constraints = null,
        Func<object?>? defaultFactory = null,
        string? defaultJson = null,
        params Func<T, string?>[] validators) =>
        GeneratedPorts.Value(name, typeName, required, acceptsNull, help, jsonType, constraints, defaultFactory, defaultJson, validators);

    /// <summary>The spec of a dynamic namespace port (for the generated descriptors; see <see cref="GeneratedPorts.Dynamic"/>).</summary>
    /// <param name="name">The port's name.</param>
    /// <param name="typeName">The C# name of its type, as the user wrote it.</param>
    /// <param name="required">True when a value must be supplied.</param>
    /// <param name="help">The help text, or null.</param>
    /// <param name="entries">The spec every entry's value is checked against.</param>
    /// <param name="defaultFactory">Creates the default value; null when the port has none.</param>
    /// <param name="defaultJson">The default as a JSON literal, or null.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static PortNamespace DynamicPortSpec(
        string name,
        string typeName,
        bool required,
        string? help,
        ValuePort entries,
        Func<object?>? defaultFactory = null,
        string? defaultJson = null) =>
        GeneratedPorts.Dynamic(name, typeName, required, help, entries, defaultFactory, defaultJson);

    /// <summary>
    /// The spec of the <c>inputs</c> namespace (for the generated descriptors): its typed value is
    /// the process itself, built with <paramref name="bind"/> and read back with
    /// <paramref name="descriptor"/>'s <see cref="GetInputs"/>.
    /// </summary>
    /// <param name="descriptor">The descriptor whose <see cref="GetInputs"/> unbinds a process.</param>
    /// <param name="bind">Creates a process from validated input values.</param>
    /// <param name="validators">The whole-inputs validators, or null for none.</param>
    /// <param name="ports">The input ports, in declaration order.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static PortNamespace InputsNamespace(
        ProcessDescriptor<TProcess> descriptor,
        Func<IReadOnlyDictionary<string, object?>, object> bind,
        Func<object, string?>[]? validators,
        params Port[] ports) =>
        GeneratedPorts.Namespace("inputs", bind, value => value is TProcess process ? descriptor.GetInputs(process) : null, validators, ports);

    /// <summary>The spec of the <c>outputs</c> namespace (for the generated descriptors), read back with <paramref name="descriptor"/>'s <see cref="GetOutputs"/>.</summary>
    /// <param name="descriptor">The descriptor whose <see cref="GetOutputs"/> unbinds a process.</param>
    /// <param name="ports">The output ports, in declaration order.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static PortNamespace OutputsNamespace(ProcessDescriptor<TProcess> descriptor, params Port[] ports) =>
        GeneratedPorts.Namespace("outputs", null, value => value is TProcess process ? descriptor.GetOutputs(process) : null, null, ports);

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

    /// <summary>
    /// Maps <paramref name="position"/> of the outline whose fingerprint is
    /// <paramref name="fromFingerprint"/> to a position of the current outline, with the method
    /// the process marks <see cref="OutlineMigrationAttribute"/> for that fingerprint (the
    /// generator emits the dispatch). Returns false when the process declares none for it. The
    /// runtime calls it when it continues a checkpoint written by another outline, after the
    /// checkpoint's inputs, outputs and state are read into <paramref name="process"/>.
    /// </summary>
    public virtual bool TryMigrateOutline(TProcess process, string fromFingerprint, int position, out int migratedPosition)
    {
        migratedPosition = position;
        return false;
    }

    /// <inheritdoc />
    internal sealed override Runtime.IProcessAdapter CreateAdapter() => new Runtime.ProcessAdapter<TProcess>(this);
}
