namespace Processes.Diagnostics;

/// <summary>State names for attributes: lower case as OpenTelemetry attribute values are, and constants, so recording one allocates nothing.</summary>
internal static class ProcessStateNames
{
    public static string Of(ProcessState state) => state switch
    {
        ProcessState.Created => "created",
        ProcessState.Running => "running",
        ProcessState.Waiting => "waiting",
        ProcessState.Finished => "finished",
        ProcessState.Killed => "killed",
        ProcessState.Excepted => "excepted",
        _ => "unknown",
    };
}
