using System;

namespace Processes.Hosting;

/// <summary>
/// The <c>Processes</c> configuration is wrong: an unknown key, a value that does not parse or is
/// out of range, or a missing value another one requires. <see cref="Key"/> names the key.
/// </summary>
public sealed class ProcessesConfigurationException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public ProcessesConfigurationException(string key, string message, Exception? innerException = null)
        : base($"Configuration key '{key}': {message}", innerException)
    {
        Key = key;
    }

    /// <summary>The full configuration key at fault, e.g. <c>Processes:Store:Kind</c>.</summary>
    public string Key { get; }
}
