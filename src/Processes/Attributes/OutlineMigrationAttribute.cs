using System;

namespace Processes;

/// <summary>
/// Declares how a checkpoint written by an earlier outline of the process continues with the
/// current one. Put it on a method of the <c>[Process]</c> class that maps the earlier outline's
/// position (the index of the next instruction) to the current outline's:
/// <code>
/// [OutlineMigration("3f1c0a5e9b2d4c71")]
/// private static int FromVersion1(int position) => position + 1;
/// </code>
/// The method is <c>static int M(int)</c>, or an instance method <c>int M(int)</c> when the
/// migration must also set state fields (it runs after the checkpoint's state is read). The
/// generator emits the dispatch from fingerprint to method, so a wrong signature is a compile
/// error; a checkpoint whose fingerprint matches no migration raises
/// <see cref="OutlineVersionMismatchException"/>. Every migration maps to the <em>current</em>
/// outline: when the outline changes again, update the existing migrations and add one for the
/// outline being replaced. See docs/concepts/versioning.md.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class OutlineMigrationAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="fromFingerprint">
    /// The fingerprint of the earlier outline, as <see cref="OutlineVersionMismatchException"/>
    /// reports it (or as the earlier build's <see cref="ProcessDescriptor.OutlineFingerprint"/>).
    /// </param>
    public OutlineMigrationAttribute(string fromFingerprint) => FromFingerprint = fromFingerprint;

    /// <summary>The fingerprint of the outline the migrated checkpoints were written by.</summary>
    public string FromFingerprint { get; }
}
