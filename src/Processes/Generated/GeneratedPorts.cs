using System;
using System.ComponentModel;
using Processes.Ports;

namespace Processes.Generated;

/// <summary>
/// The factories every generated port spec calls (in process descriptors, port namespaces and
/// data types alike), so each port is one short call with only its non-default facts. Not for
/// use in user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedPorts
{
    /// <summary>The spec of a leaf port.</summary>
    /// <typeparam name="T">The port's value type.</typeparam>
    /// <param name="name">The port's name.</param>
    /// <param name="typeName">The C# name of its type, as the user wrote it.</param>
    /// <param name="required">True when a value must be supplied.</param>
    /// <param name="acceptsNull">True when null is a valid value.</param>
    /// <param name="help">The help text, or null.</param>
    /// <param name="jsonType">The JSON schema type, or null.</param>
    /// <param name="constraints">The other JSON schema constraints, or null for none.</param>
    /// <param name="defaultFactory">Creates the default value; null when the port has none.</param>
    /// <param name="defaultJson">The default as a JSON literal, or null.</param>
    /// <param name="validators">The port's validators, in order.</param>
    public static ValuePort<T> Value<T>(
        string name,
        string typeName,
        bool required,
        bool acceptsNull,
        string? help,
        string? jsonType,
        PortSchemaConstraints? constraints = null,
        Func<object?>? defaultFactory = null,
        string? defaultJson = null,
        params Func<T, string?>[] validators) =>
        new(name)
        {
            Help = help,
            Required = required,
            TypeName = typeName,
            DefaultFactory = defaultFactory,
            DefaultJson = defaultJson,
            AcceptsNull = acceptsNull,
            Validators = validators,
            Schema = constraints is not null
                ? constraints with { JsonType = jsonType }
                : jsonType is null ? PortSchemaConstraints.Empty : new PortSchemaConstraints { JsonType = jsonType },
        };

    /// <summary>The spec of a dynamic namespace: a dictionary-typed port whose every entry is checked against <paramref name="entries"/>.</summary>
    /// <param name="name">The port's name.</param>
    /// <param name="typeName">The C# name of its type, as the user wrote it.</param>
    /// <param name="required">True when a value must be supplied.</param>
    /// <param name="help">The help text, or null.</param>
    /// <param name="entries">The spec every entry's value is checked against.</param>
    /// <param name="defaultFactory">Creates the default value; null when the port has none.</param>
    /// <param name="defaultJson">The default as a JSON literal, or null.</param>
    public static PortNamespace Dynamic(
        string name,
        string typeName,
        bool required,
        string? help,
        ValuePort entries,
        Func<object?>? defaultFactory = null,
        string? defaultJson = null) =>
        new(name)
        {
            Help = help,
            Required = required,
            TypeName = typeName,
            DefaultFactory = defaultFactory,
            DefaultJson = defaultJson,
            IsDynamic = true,
            DynamicValue = entries,
        };

    /// <summary>
    /// The spec of a dynamic namespace whose values are port namespaces of type <typeparamref name="T"/>:
    /// like <see cref="Dynamic"/>, and every entry is also validated by <typeparamref name="T"/>'s spec
    /// (<see cref="PortNamespace.DynamicNamespace"/>), given typed or as a dictionary of its port values.
    /// </summary>
    /// <typeparam name="T">The namespace type of the values.</typeparam>
    /// <param name="name">The port's name.</param>
    /// <param name="typeName">The C# name of its type, as the user wrote it.</param>
    /// <param name="required">True when a value must be supplied.</param>
    /// <param name="help">The help text, or null.</param>
    /// <param name="entries">The spec every entry's value is described by; whether it accepts null says whether an entry may be null.</param>
    /// <param name="defaultFactory">Creates the default value; null when the port has none.</param>
    /// <param name="defaultJson">The default as a JSON literal, or null.</param>
    public static PortNamespace DynamicOfNamespaces<T>(
        string name,
        string typeName,
        bool required,
        string? help,
        ValuePort entries,
        Func<object?>? defaultFactory = null,
        string? defaultJson = null)
        where T : IPortNamespace<T> =>
        new(name)
        {
            Help = help,
            Required = required,
            TypeName = typeName,
            DefaultFactory = defaultFactory,
            DefaultJson = defaultJson,
            IsDynamic = true,
            DynamicValue = entries,
            DynamicNamespace = T.CreateSpec("*", null, required: !entries.IsOfType(null), defaultFactory: null),
        };
}
