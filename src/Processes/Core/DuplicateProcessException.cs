namespace Processes;

/// <summary>
/// A launch of a single-instance type (<c>[SingleInstance(…, OnDuplicate = DuplicatePolicy.Reject)]</c>)
/// was refused: an instance with the same key already runs or waits. Nothing was launched.
/// </summary>
public sealed class DuplicateProcessException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="processName">The registered type name.</param>
    /// <param name="key">The key both launches share.</param>
    /// <param name="runningId">The instance that holds the key.</param>
    public DuplicateProcessException(string processName, string key, ProcessId runningId)
        : base($"'{processName}' with key '{key}' already runs as {runningId}; this launch was refused.")
    {
        ProcessName = processName;
        Key = key;
        RunningId = runningId;
    }

    /// <summary>The registered type name.</summary>
    public string ProcessName { get; }

    /// <summary>The key both launches share.</summary>
    public string Key { get; }

    /// <summary>The instance that holds the key.</summary>
    public ProcessId RunningId { get; }
}
