namespace Processes.Remote;

/// <summary>
/// <see cref="ProcessWorker.StartAsync"/> found another worker already serving the pipe name (in
/// this or another OS process). Starting anyway would split or steal its clients: on Unix the
/// new worker would replace the socket file and leave the first one serving nobody. A socket
/// file left behind by a worker that was killed does not count; nothing answers on it.
/// </summary>
public sealed class PipeNameInUseException : RemoteProcessException
{
    /// <summary>Creates the exception.</summary>
    public PipeNameInUseException(string pipeName, System.Exception? innerException = null)
        : base($"Another worker already serves pipe '{pipeName}'; stop it or choose another pipe name.", innerException)
    {
        PipeName = pipeName;
    }

    /// <summary>The pipe name that is in use.</summary>
    public string PipeName { get; }
}
