using System;
using System.Collections.Generic;
using Processes.Ports;

namespace Processes.Runtime;

/// <summary>Outputs emitted before the end: validated at once, announced, listed in the status and the checkpoint.</summary>
internal abstract partial class ProcessExecution
{
    public event EventHandler<OutputEmittedEventArgs>? OutputEmitted
    {
        add
        {
            lock (this)
            {
                Seldom.OutputEmitted += value;
            }
        }

        remove
        {
            lock (this)
            {
                if (_seldom is { } seldom)
                {
                    seldom.OutputEmitted -= value;
                }
            }
        }
    }

    private IReadOnlyList<string> EmittedOutputsLocked() =>
        _seldom?.EmittedOutputs is { Count: > 0 } emitted ? emitted.ToArray() : Array.Empty<string>();

    void IProcessContextHost.EmitOutput(string outputName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        var port = FindOutputPort(outputName);
        var values = GetOutputValues();
        values.TryGetValue(port.Name, out var value);
        if (value is null)
        {
            throw new InvalidOperationException($"{Name} ({Id}) emitted output '{port.Name}' before giving it a value.");
        }

        var errors = PortValues.Validate(Descriptor.Outputs, new Dictionary<string, object?>(StringComparer.Ordinal) { [port.Name] = value }, "outputs");
        var prefix = PortPath.Join("outputs", port.Name);
        var own = errors.Count == 0 ? errors : FilterTo(errors, prefix);
        if (own.Count > 0)
        {
            throw new PortValidationException(Name, own);
        }

        lock (this)
        {
            var emitted = Seldom.EmittedOutputs ??= new List<string>();
            if (!emitted.Contains(port.Name))
            {
                emitted.Add(port.Name);
            }
        }

        _seldom?.OutputEmitted?.Invoke(Handle, new OutputEmittedEventArgs(Id, Name, port.Name, value, Runtime.TimeProvider.GetUtcNow()));
    }

    /// <summary>An output port by its port name (<c>partial_sum</c>) or its member name (<c>nameof(PartialSum)</c>).</summary>
    private Port FindOutputPort(string outputName)
    {
        if (Descriptor.Outputs.TryGetPort(outputName, out var exact))
        {
            return exact;
        }

        var wanted = Normalize(outputName);
        foreach (var port in Descriptor.Outputs.Ports)
        {
            if (Normalize(port.Name) == wanted)
            {
                return port;
            }
        }

        throw new ArgumentException($"{Name} has no output '{outputName}'.", nameof(outputName));
    }

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The errors of the emitted port only: the others are not set yet, which is no error before the end.</summary>
    private static IReadOnlyList<PortError> FilterTo(IReadOnlyList<PortError> errors, string prefix)
    {
        var own = new List<PortError>();
        foreach (var error in errors)
        {
            if (error.Path == prefix || error.Path.StartsWith(prefix + ".", StringComparison.Ordinal) || error.Path.StartsWith(prefix + "[", StringComparison.Ordinal))
            {
                own.Add(error);
            }
        }

        return own;
    }
}
