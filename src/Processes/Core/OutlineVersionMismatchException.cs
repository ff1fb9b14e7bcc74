using System;

namespace Processes;

/// <summary>
/// A checkpoint of an unfinished process was written by another outline than the process's
/// current one, and the process declares no <see cref="OutlineMigrationAttribute"/> for it (or
/// its migration failed). Continuing would resume at an instruction index that means something
/// else now, so the process is not continued and its checkpoint is left unchanged in the store.
/// Declare a migration from <see cref="StoredFingerprint"/>, or continue the process with the
/// build that wrote it. See docs/concepts/versioning.md.
/// </summary>
public sealed class OutlineVersionMismatchException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="processId">The process whose checkpoint was refused.</param>
    /// <param name="processName">Its registered name.</param>
    /// <param name="storedFingerprint">The fingerprint of the outline that wrote the checkpoint.</param>
    /// <param name="currentFingerprint">The fingerprint of the current outline.</param>
    /// <param name="reason">Why it was refused when a migration exists but failed; null when none matches.</param>
    /// <param name="innerException">The exception the migration threw, or null.</param>
    public OutlineVersionMismatchException(
        ProcessId processId, string processName, string storedFingerprint, string currentFingerprint, string? reason = null, Exception? innerException = null)
        : base(Describe(processId, processName, storedFingerprint, currentFingerprint, reason), innerException)
    {
        ProcessId = processId;
        ProcessName = processName;
        StoredFingerprint = storedFingerprint;
        CurrentFingerprint = currentFingerprint;
        Reason = reason;
    }

    /// <summary>The process whose checkpoint was refused.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its registered name.</summary>
    public string ProcessName { get; }

    /// <summary>The fingerprint of the outline that wrote the checkpoint: the argument of the migration to declare.</summary>
    public string StoredFingerprint { get; }

    /// <summary>The fingerprint of the outline of the running build.</summary>
    public string CurrentFingerprint { get; }

    /// <summary>Why a declared migration failed; null when no migration matches <see cref="StoredFingerprint"/>.</summary>
    public string? Reason { get; }

    private static string Describe(ProcessId processId, string processName, string stored, string current, string? reason) =>
        reason is null
            ? $"The checkpoint of {processName} {processId} was written by outline {stored}, but this build's outline is {current}; "
              + $"its position would mean another step now, so it was not continued (the checkpoint is unchanged). "
              + $"Declare a migration on {processName}: [OutlineMigration(\"{stored}\")] static int M(int position) => <the position in the current outline>, "
              + "or continue it with the build that wrote it (docs/concepts/versioning.md)."
            : $"The checkpoint of {processName} {processId} was written by outline {stored} and its migration to outline {current} failed: {reason} "
              + "It was not continued (the checkpoint is unchanged).";
}
