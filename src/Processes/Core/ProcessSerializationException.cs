using System;
using System.ComponentModel;


namespace Processes;

/// <summary>
/// Binary data (a checkpoint, a message) is malformed: truncated, with an impossible length, or
/// with a value of the wrong shape. <see cref="Offset"/> says where, <see cref="MemberPath"/>
/// which member was being read when known.
/// </summary>
public sealed class ProcessSerializationException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessSerializationException(string message, int offset, string? memberPath = null, Exception? innerException = null)
        : base(memberPath is null ? message : $"{memberPath}: {message}", innerException)
    {
        Offset = offset;
        MemberPath = memberPath;
        Reason = message;
        IsTruncation = innerException is ProcessSerializationException { IsTruncation: true };
    }

    /// <summary>True when the data ended before a value was complete (as opposed to holding a wrong value).</summary>
    public bool IsTruncation { get; init; }

    /// <summary>The byte offset at which the problem was found.</summary>
    public int Offset { get; }

    /// <summary>The dotted path of the member being read (e.g. <c>inputs.options.tol</c>), when known.</summary>
    public string? MemberPath { get; }

    /// <summary>The problem, without the member path.</summary>
    public string Reason { get; }

    /// <summary>Returns the same error attributed to <paramref name="path"/> (the innermost path wins).</summary>
    public ProcessSerializationException WithMemberPath(string path) =>
        MemberPath is null ? new ProcessSerializationException(Reason, Offset, path, this) { IsTruncation = IsTruncation } : this;

    /// <summary>
    /// <see cref="WithMemberPath(string)"/> with the path <c>section.name</c>, joined here (only when
    /// an error is thrown). Not for use in user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ProcessSerializationException WithMemberPath(string section, string name) =>
        WithMemberPath(PortPath.Join(section, name));
}
