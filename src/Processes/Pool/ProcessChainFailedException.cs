using System;
using System.Collections.Generic;

namespace Processes.Pool;

/// <summary>
/// A task of a chain failed, so the tasks after it did not run. Reported once for the chain: which
/// task failed (its position, its name, its error as <see cref="Exception.InnerException"/>),
/// which ran to their end before it, and which never ran.
/// </summary>
public sealed class ProcessChainFailedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failedIndex">The position of the failed task in the chain.</param>
    /// <param name="failedName">Its registered name.</param>
    /// <param name="completed">The names of the tasks that ran to their end, in order.</param>
    /// <param name="notRun">The names of the tasks that did not run, in order.</param>
    /// <param name="innerException">The failed task's error.</param>
    public ProcessChainFailedException(int failedIndex, string failedName, IReadOnlyList<string> completed, IReadOnlyList<string> notRun, Exception innerException)
        : base($"Task {failedIndex} of the chain ('{failedName}') failed after {completed.Count} completed; {notRun.Count} did not run: {innerException?.Message}", innerException)
    {
        FailedIndex = failedIndex;
        FailedName = failedName;
        Completed = completed;
        NotRun = notRun;
    }

    /// <summary>The position of the failed task in the chain.</summary>
    public int FailedIndex { get; }

    /// <summary>The registered name of the failed task.</summary>
    public string FailedName { get; }

    /// <summary>The names of the tasks that ran to their end before the failure, in order.</summary>
    public IReadOnlyList<string> Completed { get; }

    /// <summary>The names of the tasks that never ran, in order.</summary>
    public IReadOnlyList<string> NotRun { get; }
}
