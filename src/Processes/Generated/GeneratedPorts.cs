using System;
using System.Collections.Generic;
using System.ComponentModel;
using Processes.Ports;

namespace Processes.Generated;

/// <summary>
/// Factories the generated port specs call, so each port is one short call with only its
/// non-default facts (the generated descriptors reach them through
/// <see cref="ProcessDescriptor{TProcess}"/>'s protected forwarders). Not for use in user code.
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

    /// <summary>The spec of a namespace: its ports, whole-namespace validators and conversions.</summary>
    /// <param name="name">The namespace's name.</param>
    /// <param name="bind">Builds the typed value from port values; null when there is none.</param>
    /// <param name="unbind">Turns a typed value back into port values.</param>
    /// <param name="validators">The whole-namespace validators, or null for none.</param>
    /// <param name="ports">The ports, in declaration order.</param>
    public static PortNamespace Namespace(
        string name,
        Func<IReadOnlyDictionary<string, object?>, object>? bind,
        Func<object, IReadOnlyDictionary<string, object?>?> unbind,
        Func<object, string?>[]? validators,
        params Port[] ports) =>
        new(name)
        {
            Ports = ports,
            Validators = validators ?? Array.Empty<Func<object, string?>>(),
            Bind = bind,
            Unbind = unbind,
        };
}
