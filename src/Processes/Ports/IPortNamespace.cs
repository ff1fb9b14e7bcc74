using System;
using System.Collections.Generic;
using Processes.Serialization;

namespace Processes.Ports;

/// <summary>
/// Implemented (explicitly) by the generator on every <c>[PortNamespace]</c> type: its port spec,
/// typed validation and conversion from and to port values. Generated code in any assembly reaches
/// it through <see cref="Generated.PortNamespaces"/>.
/// </summary>
/// <typeparam name="TSelf">The namespace type itself.</typeparam>
public interface IPortNamespace<TSelf> : IProcessData<TSelf>
    where TSelf : IPortNamespace<TSelf>
{
    /// <summary>Builds the namespace's spec as a port named <paramref name="name"/> of an enclosing namespace.</summary>
    /// <param name="name">The port name in the enclosing namespace.</param>
    /// <param name="help">The port's help text.</param>
    /// <param name="required">Whether the enclosing namespace requires a value.</param>
    /// <param name="defaultFactory">Creates the port's default value, or null when it has none.</param>
    static abstract PortNamespace CreateSpec(string name, string? help, bool required, Func<object?>? defaultFactory);

    /// <summary>Checks every port of <paramref name="value"/>, then the namespace's own validators, adding errors under <paramref name="path"/>.</summary>
    static abstract void Validate(TSelf value, string path, PortErrorCollector errors);

    /// <summary>Creates a value from validated port values; ports absent from <paramref name="values"/> keep their defaults.</summary>
    static abstract TSelf Bind(IReadOnlyDictionary<string, object?> values);

    /// <summary>The value's ports by name (nested namespaces as their typed values).</summary>
    static abstract IReadOnlyDictionary<string, object?> GetValues(TSelf value);
}
