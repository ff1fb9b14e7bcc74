namespace Processes.Generators.Models;

/// <summary>Whether a port is a leaf value, a nested namespace type or a dynamic (dictionary) namespace.</summary>
internal enum PortKind
{
    Value,
    Namespace,
    Dynamic,
}

/// <summary>One compiled check of a port: an expression over the non-null value <c>x</c>, with an optional static field it uses.</summary>
/// <param name="Expression">C# returning <c>string?</c>; <c>{field}</c> stands for the field's name.</param>
/// <param name="FieldType">The field's type, when the check needs one (a cached regex, allowed values).</param>
/// <param name="FieldInitializer">The field's initializer.</param>
internal sealed record CheckModel(string Expression, string? FieldType, string? FieldInitializer);

/// <summary>JSON-schema facts of a leaf port, as C# literals ready to emit.</summary>
internal sealed record SchemaModel(
    string? JsonType,
    string? Format,
    string? Minimum,
    string? Maximum,
    bool MinimumIsExclusive,
    bool MaximumIsExclusive,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    EquatableArray<string> AllowedJson,
    EquatableArray<string> DeniedJson,
    bool HasAllowed,
    bool HasDenied);

/// <summary>One input or output port (or a port of a namespace type).</summary>
/// <param name="MemberName">The C# property name.</param>
/// <param name="PortName">The port name (snake_case or the attribute's <c>Name</c>).</param>
/// <param name="Help">The XML summary, whitespace collapsed.</param>
/// <param name="Shape">The property's type.</param>
/// <param name="Kind">Leaf, namespace or dynamic namespace.</param>
/// <param name="Required">True when a value must be supplied.</param>
/// <param name="HasDefault">True when the member has an initializer.</param>
/// <param name="DefaultJson">The default as a JSON literal when it is a compile-time constant.</param>
/// <param name="Checks">DataAnnotations and custom validators, in order (for a dynamic port: of each leaf).</param>
/// <param name="Schema">JSON-schema facts (for a dynamic port: of each leaf).</param>
internal sealed record PortModel(
    string MemberName,
    string PortName,
    string? Help,
    ValueShape Shape,
    PortKind Kind,
    bool Required,
    bool HasDefault,
    string? DefaultJson,
    EquatableArray<CheckModel> Checks,
    SchemaModel Schema)
{
    /// <summary>The shape checks and the leaf spec apply to: the value, or each dynamic leaf.</summary>
    public ValueShape LeafShape => Kind == PortKind.Dynamic ? Shape.Arguments[1] : Shape;
}
