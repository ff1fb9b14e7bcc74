namespace Processes.Analyzers;

/// <summary>What kind of port type a DataAnnotations attribute can check.</summary>
internal enum ValidationAttributeKind
{
    /// <summary>Any type (<c>Required</c>, <c>AllowedValues</c>, <c>DeniedValues</c>).</summary>
    AnyType,

    /// <summary>A number (<c>Range</c> with numeric bounds).</summary>
    Number,

    /// <summary>A string, array or collection (<c>MinLength</c>, <c>MaxLength</c>, <c>Length</c>).</summary>
    StringOrCollection,

    /// <summary>A string only (<c>StringLength</c>, <c>RegularExpression</c>, <c>EmailAddress</c>, <c>Url</c>, <c>Base64String</c>).</summary>
    String,
}
