using System.Collections.Generic;
using System.ComponentModel;

namespace Processes.Ports;

/// <summary>Collects every validation error of one validation run (validation never stops at the first).</summary>
public sealed class PortErrorCollector
{
    private List<PortError>? _errors;

    /// <summary>True when at least one error was added.</summary>
    public bool HasErrors => _errors is { Count: > 0 };

    /// <summary>The number of errors added.</summary>
    public int Count => _errors?.Count ?? 0;

    /// <summary>The errors, in the order they were found.</summary>
    public IReadOnlyList<PortError> Errors => _errors ?? (IReadOnlyList<PortError>)System.Array.Empty<PortError>();

    /// <summary>Adds an error for the port at <paramref name="path"/>.</summary>
    public void Add(string path, string message) => (_errors ??= new List<PortError>()).Add(new PortError(path, message));

    /// <summary>Adds <paramref name="message"/> for the port at <paramref name="path"/> unless it is null (a check that passed). Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AddIfNotNull(string path, string? message)
    {
        if (message is not null)
        {
            Add(path, message);
        }
    }

    /// <summary>Adds <paramref name="message"/> for the port <paramref name="name"/> under <paramref name="path"/> unless it is null; the path is joined only then. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AddIfNotNull(string path, string name, string? message)
    {
        if (message is not null)
        {
            Add(Join(path, name), message);
        }
    }

    /// <summary>Adds <see cref="PortError.MissingRequired"/> for the port at <paramref name="path"/> when <paramref name="value"/> is null. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AddIfMissing<T>(string path, T? value)
    {
        if (value is null)
        {
            Add(path, PortError.MissingRequired);
        }
    }

    /// <summary>Adds <see cref="PortError.MissingRequired"/> for the port <paramref name="name"/> under <paramref name="path"/> when <paramref name="value"/> is null. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AddIfMissing<T>(string path, string name, T? value)
    {
        if (value is null)
        {
            Add(Join(path, name), PortError.MissingRequired);
        }
    }

    /// <summary>Hands over the errors collected so far and starts empty again.</summary>
    internal IReadOnlyList<PortError> TakeErrors()
    {
        IReadOnlyList<PortError> errors = _errors ?? (IReadOnlyList<PortError>)System.Array.Empty<PortError>();
        _errors = null;
        return errors;
    }

    /// <summary>Joins a namespace path and a port name (for generated code). Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static string Join(string path, string name) => PortPath.Join(path, name);
}
