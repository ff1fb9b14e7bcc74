using System;

namespace Processes;

/// <summary>
/// At most one instance of the type runs per key: the key is the values of the named inputs (none:
/// one instance of the type in all). A launch whose key already runs or waits joins it or is
/// refused, as <see cref="OnDuplicate"/> says. The generator compiles the key into the descriptor
/// (no reflection); a name that is not an <c>[Input]</c> of the type is reported at compile time
/// (PRC0041). Enforced by <c>Pool.ProcessPool</c> over the launches it holds. Key inputs
/// should be values whose text identifies them (numbers, strings, enums, ids): the key is their
/// invariant-culture text.
/// <code>
/// [Process, SingleInstance(nameof(Account), OnDuplicate = DuplicatePolicy.Reject)]
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class SingleInstanceAttribute : Attribute
{
    /// <summary>Keys instances by the values of these inputs (their C# property names; use <c>nameof</c>).</summary>
    public SingleInstanceAttribute(params string[] keyInputs) => KeyInputs = keyInputs ?? Array.Empty<string>();

    /// <summary>The inputs whose values make the key.</summary>
    public string[] KeyInputs { get; }

    /// <summary>What a duplicate launch gets: <see cref="DuplicatePolicy.Join"/> (the default) or <see cref="DuplicatePolicy.Reject"/>.</summary>
    public DuplicatePolicy OnDuplicate { get; set; }
}
