using System;

namespace Processes;

/// <summary>An exception as data: what survives a checkpoint or crosses a process boundary.</summary>
/// <param name="TypeName">The exception's full type name.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="StackTrace">The stack trace where it was thrown (may be empty in trimmed builds).</param>
/// <param name="Inner">The inner exception, if any.</param>
public sealed record ProcessErrorInfo(string TypeName, string Message, string? StackTrace, ProcessErrorInfo? Inner = null)
{
    /// <summary>Captures an exception and its inner exceptions.</summary>
    public static ProcessErrorInfo From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ProcessErrorInfo(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is { } inner ? From(inner) : null);
    }
}
