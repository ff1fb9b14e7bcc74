using System;
using Microsoft.Extensions.Logging;
using Processes.Diagnostics;

namespace Processes.Runtime;

/// <summary>
/// The log scope around a process's execution: every line the runtime (and a step's own logger
/// from the same factory) writes meanwhile carries the process type and id. The attribute names
/// are the spans' own, so logs and traces join on them.
/// </summary>
internal static class LogScopes
{
    private static readonly Func<ILogger, string, ProcessId, IDisposable?> s_process =
        LoggerMessage.DefineScope<string, ProcessId>("{" + ProcessesDiagnostics.ProcessTypeAttribute + "} {" + ProcessesDiagnostics.ProcessIdAttribute + "}");

    /// <summary>Begins the scope, or returns null (nothing allocated) when the logger writes nothing at all.</summary>
    public static IDisposable? Process(ILogger logger, string processType, ProcessId id) =>
        logger.IsEnabled(LogLevel.Critical) ? s_process(logger, processType, id) : null;
}
