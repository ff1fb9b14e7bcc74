using System.ComponentModel;
using Processes.Serialization;

namespace Processes.Generated;

/// <summary>
/// Reads the member <paramref name="name"/> of a section into <paramref name="target"/> from
/// <paramref name="member"/> (exactly the member's bytes); returns false for a name it does not
/// know. Generated code implements it; not for use in user code.
/// </summary>
/// <typeparam name="TTarget">The object the member is read into.</typeparam>
/// <param name="target">The object the member is read into.</param>
/// <param name="name">The member's name.</param>
/// <param name="member">A reader over the member's bytes.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate bool SectionMemberReader<in TTarget>(TTarget target, string name, ref ProcessReader member);
