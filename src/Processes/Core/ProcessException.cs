using System;

namespace Processes;

/// <summary>The base of every exception the SDK raises on purpose.</summary>
public class ProcessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProcessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public ProcessException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
