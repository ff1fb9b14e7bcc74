using System.Collections.Generic;
using System.Text;

namespace Processes.Ports;

/// <summary>
/// Inputs or outputs failed validation. <see cref="Errors"/> lists every error with its full
/// dotted path; the message lists them too. When inputs are invalid nothing was launched.
/// </summary>
public sealed class PortValidationException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public PortValidationException(string processName, IReadOnlyList<PortError> errors)
        : base(Describe(processName, errors))
    {
        ProcessName = processName;
        Errors = errors;
    }

    /// <summary>The process type whose ports failed.</summary>
    public string ProcessName { get; }

    /// <summary>Every error found, in order.</summary>
    public IReadOnlyList<PortError> Errors { get; }

    private static string Describe(string processName, IReadOnlyList<PortError> errors)
    {
        var text = new StringBuilder();
        text.Append(processName).Append(": ").Append(errors.Count).Append(errors.Count == 1 ? " invalid port" : " invalid ports");
        foreach (var error in errors)
        {
            text.AppendLine().Append("  ").Append(error.Path).Append(": ").Append(error.Message);
        }

        return text.ToString();
    }
}
