using System;
using System.ComponentModel;
using Processes.Ports;

namespace Processes.Generated;

/// <summary>
/// Helpers the code generated for <see cref="ExposeInputsAttribute"/> and
/// <see cref="ExposeOutputsAttribute"/> calls: an exposed port takes its default and its
/// validators from the child's own port spec, so it behaves exactly as on the child (also for a
/// child compiled in another assembly, and for validators the parent could not call). Not for use
/// in user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExposedPorts
{
    /// <summary>A new default value of the child's port <paramref name="portName"/>, created by the child's own default factory.</summary>
    /// <typeparam name="T">The port's value type.</typeparam>
    /// <param name="spec">The child's input namespace.</param>
    /// <param name="portName">The port's name in that namespace.</param>
    public static T Default<T>(PortNamespace spec, string portName)
    {
        var port = Find(spec, portName);
        if (port.DefaultFactory is not { } createDefault)
        {
            return default!;
        }

        return createDefault() is T value ? value : throw Mismatch(spec, portName, "its default is not a " + typeof(T).Name);
    }

    /// <summary>The child's validator number <paramref name="index"/> of the port <paramref name="portName"/> (of each entry, for a dynamic namespace).</summary>
    /// <typeparam name="T">The port's (or the entries') value type.</typeparam>
    /// <param name="spec">The child's input or output namespace.</param>
    /// <param name="portName">The port's name in that namespace.</param>
    /// <param name="index">The validator's position in the port's list.</param>
    public static Func<T, string?> Validator<T>(PortNamespace spec, string portName, int index)
    {
        var port = Find(spec, portName);
        var valuePort = port as ValuePort<T> ?? (port as PortNamespace)?.DynamicValue as ValuePort<T>;
        if (valuePort is null || index < 0 || index >= valuePort.Validators.Count)
        {
            throw Mismatch(spec, portName, "its validators differ from the ones seen at compile time");
        }

        return valuePort.Validators[index];
    }

    private static Port Find(PortNamespace spec, string portName) =>
        spec.TryGetPort(portName, out var port) ? port : throw Mismatch(spec, portName, "the port does not exist");

    private static InvalidOperationException Mismatch(PortNamespace spec, string portName, string reason) =>
        new($"The exposed port '{spec.Name}.{portName}' does not match the child process it was compiled against: {reason}. Rebuild the process that exposes it.");
}
