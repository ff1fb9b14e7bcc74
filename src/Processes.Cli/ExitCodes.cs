namespace Processes.Cli;

/// <summary>The tool's exit codes, for scripts (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>Any other failure: the message on standard error says what.</summary>
    public const int Error = 1;

    /// <summary>The command line is wrong (unknown command or option, missing target or argument).</summary>
    public const int Usage = 2;

    /// <summary>No process or checkpoint has that id, or the store does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>A control command named a process the worker does not run (it may have a checkpoint: continue it first).</summary>
    public const int NotRunning = 4;

    /// <summary>The worker could not be reached or refused the connection (no worker on the pipe, wrong secret, busy).</summary>
    public const int Unreachable = 5;

    /// <summary>The target cannot do this: e.g. continuing a type this tool does not know.</summary>
    public const int Unsupported = 6;
}

/// <summary>A failure the tool reports with a message and a chosen exit code.</summary>
internal sealed class CliException(int exitCode, string message) : System.Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
