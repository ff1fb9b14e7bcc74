using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
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
        RootNamespace("inputs", bind, value => value is TProcess process ? descriptor.GetInputs(process) : null, validators, ports);

    /// <summary>The spec of the <c>outputs</c> namespace (for the generated descriptors), read back with <paramref name="descriptor"/>'s <see cref="GetOutputs"/>.</summary>
    /// <param name="descriptor">The descriptor whose <see cref="GetOutputs"/> unbinds a process.</param>
    /// <param name="ports">The output ports, in declaration order.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static PortNamespace OutputsNamespace(ProcessDescriptor<TProcess> descriptor, params Port[] ports) =>
        RootNamespace("outputs", null, value => value is TProcess process ? descriptor.GetOutputs(process) : null, null, ports);

    private static PortNamespace RootNamespace(
        string name,
        Func<IReadOnlyDictionary<string, object?>, object>? bind,
        Func<object, IReadOnlyDictionary<string, object?>?> unbind,
        Func<object, string?>[]? validators,
        Port[] ports) =>
        new(name)
        {
            Ports = ports,
            Validators = validators ?? Array.Empty<Func<object, string?>>(),
            Bind = bind,
            Unbind = unbind,
        };

    /// <summary>Checks the instance's inputs, adding every error with its path under <c>inputs</c>.</summary>
    public abstract void ValidateInputs(TProcess process, PortErrorCollector errors);

    /// <summary>Checks the instance's outputs, adding every error with its path under <c>outputs</c>.</summary>
    public abstract void ValidateOutputs(TProcess process, PortErrorCollector errors);

    /// <summary>The instance's input values by port name (nested namespaces as their typed values).</summary>
    public abstract IReadOnlyDictionary<string, object?> GetInputs(TProcess process);

    /// <summary>
    /// The single-instance key of an instance (the values of its key inputs, see
    /// <see cref="SingleInstanceAttribute"/>), or null when the type is not single-instance.
    /// </summary>
    public virtual string? ConcurrencyKey(TProcess process) => null;

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
    /// Fills <paramref name="outline"/> with the process's outline and returns true when the
    /// outline is the same for every instance: the generator overrides it for an outline that is a
    /// plain chain of steps (<c>outline.Step(A).Step(B)</c>, each a method of the process), with
    /// steps that are given the instance they run for. The runtime then builds the outline once
    /// per type instead of once per run, with the same instructions, names and fingerprint as
    /// <see cref="DefineOutline"/>. The default returns false: every run calls <see cref="DefineOutline"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public virtual bool DefineSharedOutline(SharedOutlineBuilder<TProcess> outline) => false;

    // The shared outline once asked for: an OutlineBuilder, or NoSharedOutline.
    private object? _sharedOutline;
    private static readonly object NoSharedOutline = new();

    /// <summary>The outline every run of the type shares (see <see cref="DefineSharedOutline"/>), or null when each run builds its own.</summary>
    internal OutlineBuilder? SharedOutline => (Volatile.Read(ref _sharedOutline) ?? BuildSharedOutline()) as OutlineBuilder;

    private object BuildSharedOutline()
    {
        var builder = new SharedOutlineBuilder<TProcess>();
        // Two threads may build it at once: both are the same, one is kept.
        var outline = DefineSharedOutline(builder) ? builder.Outline : NoSharedOutline;
        return Interlocked.CompareExchange(ref _sharedOutline, outline, null) ?? outline;
    }

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
    internal sealed override TResult Accept<TResult>(IProcessDescriptorVisitor<TResult> visitor) => visitor.Visit(this);
}
