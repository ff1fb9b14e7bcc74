namespace Processes;

/// <summary>No process type is registered under a name (e.g. a checkpoint of a type this program does not contain).</summary>
public sealed class UnknownProcessTypeException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public UnknownProcessTypeException(string processName)
        : base($"No process type named '{processName}' is registered. Is the assembly that declares it loaded?")
    {
        ProcessName = processName;
    }

    /// <summary>The name that was looked up.</summary>
    public string ProcessName { get; }
}
