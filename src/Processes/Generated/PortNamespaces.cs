using System;
using System.Collections.Generic;
using System.ComponentModel;
using Processes.Ports;

namespace Processes.Generated;

/// <summary>
/// Calls the generated members of a namespace type (the static members of
/// <see cref="IPortNamespace{TSelf}"/>), so generated code in any assembly reaches them. Not for
/// use in user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PortNamespaces
{
    /// <summary>Builds the spec of a namespace-typed port.</summary>
    public static PortNamespace CreateSpec<T>(string name, string? help, bool required, Func<object?>? defaultFactory)
        where T : IPortNamespace<T> =>
        T.CreateSpec(name, help, required, defaultFactory);

    /// <summary>Validates a namespace value, adding errors under <paramref name="path"/>.</summary>
    public static void Validate<T>(T value, string path, PortErrorCollector errors)
        where T : IPortNamespace<T> =>
        T.Validate(value, path, errors);

    /// <summary>Creates a namespace value from validated port values.</summary>
    public static T Bind<T>(IReadOnlyDictionary<string, object?> values)
        where T : IPortNamespace<T> =>
        T.Bind(values);

    /// <summary>Turns a namespace value into its port values.</summary>
    public static IReadOnlyDictionary<string, object?> GetValues<T>(T value)
        where T : IPortNamespace<T> =>
        T.GetValues(value);

    /// <summary>
    /// Converts a dynamic namespace given as raw values (each already checked to be a <typeparamref name="T"/>)
    /// into the dictionary a dictionary-typed port holds.
    /// </summary>
    public static Dictionary<string, T> ToDictionary<T>(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, T>(values.Count, StringComparer.Ordinal);
        foreach (var pair in values)
        {
            result.Add(pair.Key, (T)pair.Value!);
        }

        return result;
    }

    /// <summary>
    /// Converts a dynamic namespace of port namespaces given as raw values (each already validated:
    /// a <typeparamref name="TNamespace"/>, a dictionary of its port values, or null where allowed)
    /// into the dictionary the port holds, binding each dictionary of port values.
    /// </summary>
    /// <typeparam name="TNamespace">The namespace type of the values.</typeparam>
    /// <typeparam name="TValue">The dictionary's value type: <typeparamref name="TNamespace"/>, nullable or not.</typeparam>
    public static Dictionary<string, TValue> ToNamespaceDictionary<TNamespace, TValue>(IReadOnlyDictionary<string, object?> values)
        where TNamespace : IPortNamespace<TNamespace>
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, TValue>(values.Count, StringComparer.Ordinal);
        foreach (var pair in values)
        {
            var value = pair.Value is IReadOnlyDictionary<string, object?> portValues ? TNamespace.Bind(portValues) : pair.Value;
            result.Add(pair.Key, (TValue)value!);
        }

        return result;
    }
}
