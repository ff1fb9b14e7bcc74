namespace Processes;

/// <summary>Exit codes the runtime itself assigns (AiiDA's numbering where one exists).</summary>
public static class ProcessExitCodes
{
    /// <summary>The process finished successfully.</summary>
    public const int Success = 0;

    /// <summary>The process finished, but its outputs failed validation (e.g. a required output is missing).</summary>
    public const int InvalidOutputs = 10;
}
