using System;

namespace Processes;

/// <summary>
/// A task body or a process step ran longer than its time limit (<c>[TimeLimit]</c>
/// or <c>LaunchOptions.TimeLimit</c>): its cancellation token was cancelled and it stopped.
/// A retry policy may retry it like any other failure; otherwise the process is excepted with it.
/// </summary>
public sealed class ProcessTimeoutException : ProcessException
{
    /// <summary>Creates the exception for process <paramref name="processName"/> and its limit.</summary>
    public ProcessTimeoutException(string processName, string body, TimeSpan limit, Exception? innerException = null)
        : base($"{body} of {processName} ran longer than its time limit of {limit} and was cancelled.", innerException)
    {
        ProcessName = processName;
        Body = body;
        Limit = limit;
    }

    /// <summary>The registered name of the process type.</summary>
    public string ProcessName { get; }

    /// <summary>What ran too long: "the task body" or "step <c>name</c>".</summary>
    public string Body { get; }

    /// <summary>The time limit it exceeded.</summary>
    public TimeSpan Limit { get; }
}
