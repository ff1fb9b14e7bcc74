using System.Collections.Generic;
using Processes.Ports;
using Processes.Serialization;

namespace Processes;

/// <summary>
/// Everything the runtime knows about a process type, emitted by the generator: its name, kind
/// and port specs, and (in <see cref="ProcessDescriptor{TProcess}"/>) validation, checkpoint
/// serialization and the body. Descriptors let the runtime create, validate, save and load
/// processes by name with no reflection.
/// </summary>
public abstract class ProcessDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    protected ProcessDescriptor(string name, ProcessKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The registered name (by default the class's full metadata name).</summary>
    public string Name { get; }

    /// <summary>
    /// A slot the runtime keeps its typed adapter of this descriptor in, once made (see
    /// <c>ProcessAdapters.CreateAdapter</c>; a race makes two equal ones). Typed <c>object</c>: this
    /// layer does not know the runtime.
    /// </summary>
    internal object? RuntimeAdapter { get; set; }

    // Encoded on first use; a race encodes twice, equally.
    private EncodedString? _encodedName;
    private EncodedString? _encodedOutlineFingerprint;

    /// <summary><see cref="Name"/>, UTF-8 encoded once: every checkpoint of the type writes it.</summary>
    internal EncodedString EncodedName => _encodedName ??= new EncodedString(Name);

    /// <summary><see cref="OutlineFingerprint"/>, UTF-8 encoded once (null when there is none): every checkpoint of a process writes it.</summary>
    internal EncodedString? EncodedOutlineFingerprint =>
        _encodedOutlineFingerprint ??= OutlineFingerprint is { } fingerprint ? new EncodedString(fingerprint) : null;

    /// <summary>Whether this is a task or a process.</summary>
    public ProcessKind Kind { get; }

    /// <summary>The input port spec, rooted at <c>inputs</c>.</summary>
    public abstract PortNamespace Inputs { get; }

    /// <summary>The output port spec, rooted at <c>outputs</c>.</summary>
    public abstract PortNamespace Outputs { get; }

    /// <summary>
    /// True when the declaring project was compiled without optimizations (a debug build): each
    /// checkpoint is then read back right after it is written, so a checkpoint that cannot be
    /// loaded fails at save time rather than months later on reload.
    /// </summary>
    public virtual bool VerifyCheckpointsOnSave => false;

    /// <summary>The type's retry policy, from its <see cref="RetryAttribute"/> (null: a failure is final).</summary>
    public virtual RetryPolicy? RetryPolicy => null;

    /// <summary>The time limit of each body run, from the type's <see cref="TimeLimitAttribute"/> (null: none).</summary>
    public virtual System.TimeSpan? TimeLimit => null;

    /// <summary>
    /// The type's concurrency declaration (<see cref="ConcurrencyAttribute"/>,
    /// <see cref="SingleInstanceAttribute"/>), or null when it has none.
    /// </summary>
    public virtual ConcurrencyLimits? Concurrency => null;

    /// <summary>
    /// The compile-time fingerprint of the process's outline (null for tasks): stored in every
    /// checkpoint so a checkpoint written by another outline is never continued silently. The
    /// generator hashes the outline's structure (its steps, conditions and returns, in order and
    /// nesting); whitespace, comments and the bodies of the step methods do not change it. See
    /// docs/concepts/versioning.md.
    /// </summary>
    public virtual string? OutlineFingerprint => null;

    /// <summary>
    /// Creates an instance from port values by name. The values must already be validated and
    /// have their defaults filled (as the runtime does when it launches a process by name).
    /// </summary>
    public abstract object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs);

    /// <summary>
    /// Checks the input defaults against the ports' rules, once: the runtime calls it before the
    /// first launch of the type. An invalid default throws <see cref="PortValidationException"/>
    /// (every launch, until it is fixed), naming each port.
    /// </summary>
    public void EnsureValidDefaults()
    {
        if (_defaultsValid)
        {
            return;
        }

        var errors = PortDefaultValidation.Check(Inputs, "inputs");
        if (errors.Count > 0)
        {
            throw new PortValidationException(Name, errors);
        }

        _defaultsValid = true;
    }

    private volatile bool _defaultsValid;

    /// <summary>
    /// Describes the ports as an indented JSON Schema (draft 2020-12) document: an object schema
    /// titled with the process name, whose <c>inputs</c> and <c>outputs</c> properties are the
    /// schemas of the two root namespaces (see docs/concepts/ports.md).
    /// </summary>
    public string ToJsonSchema() => PortSchemaWriter.Write(Name, Inputs, Outputs);

    /// <summary>
    /// Calls <paramref name="visitor"/> with the typed descriptor (implemented by
    /// <see cref="ProcessDescriptor{TProcess}"/>): how the runtime, a layer above, gets its typed
    /// access to a descriptor it only knows by name, with no reflection.
    /// </summary>
    internal abstract TResult Accept<TResult>(IProcessDescriptorVisitor<TResult> visitor);
}
