using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// The DataAnnotations attributes the generator compiles into checks, resolved once per
/// compilation, and the port-type rules each one needs.
/// </summary>
internal sealed class ValidationAttributes
{
    // The port-type rule of each attribute the generator compiles; the list of names itself is SupportRules'.
    private static readonly Dictionary<string, ValidationAttributeKind> KindsByName = new()
    {
        ["RangeAttribute"] = ValidationAttributeKind.Number,
        ["MinLengthAttribute"] = ValidationAttributeKind.StringOrCollection,
        ["MaxLengthAttribute"] = ValidationAttributeKind.StringOrCollection,
        ["LengthAttribute"] = ValidationAttributeKind.StringOrCollection,
        ["StringLengthAttribute"] = ValidationAttributeKind.String,
        ["RegularExpressionAttribute"] = ValidationAttributeKind.String,
        ["EmailAddressAttribute"] = ValidationAttributeKind.String,
        ["UrlAttribute"] = ValidationAttributeKind.String,
        ["Base64StringAttribute"] = ValidationAttributeKind.String,
        ["AllowedValuesAttribute"] = ValidationAttributeKind.AnyType,
        ["DeniedValuesAttribute"] = ValidationAttributeKind.AnyType,
        ["RequiredAttribute"] = ValidationAttributeKind.AnyType,
    };

    private readonly Dictionary<INamedTypeSymbol, ValidationAttributeKind> _kinds = new(SymbolEqualityComparer.Default);

    public ValidationAttributes(Compilation compilation)
    {
        foreach (var name in SupportRules.ValidationAttributeNames)
        {
            var kind = KindsByName[name];
            var type = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations." + name);
            if (type is not null)
            {
                _kinds[type] = kind;
            }
        }

        Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
    }

    public bool IsEmpty => _kinds.Count == 0;

    private INamedTypeSymbol Enumerable { get; }

    /// <summary>The rule of a validation attribute, or null when the attribute is not one we compile.</summary>
    public ValidationAttributeKind? KindOf(AttributeData attribute) =>
        attribute.AttributeClass is { } type && _kinds.TryGetValue(type, out var kind) ? kind : null;

    /// <summary>Whether a port of <paramref name="type"/> can be checked by an attribute of <paramref name="kind"/>.</summary>
    public bool Applies(ValidationAttributeKind kind, ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return kind switch
        {
            ValidationAttributeKind.Number => IsNumber(type),
            ValidationAttributeKind.String => type.SpecialType == SpecialType.System_String,
            ValidationAttributeKind.StringOrCollection => type.SpecialType == SpecialType.System_String
                || type is IArrayTypeSymbol
                || type.AllInterfaces.Contains(Enumerable, SymbolEqualityComparer.Default)
                || SymbolEqualityComparer.Default.Equals(type, Enumerable),
            _ => true,
        };
    }

    /// <summary>What a kind needs, as the message of PRC0015 says it.</summary>
    public static string Describe(ValidationAttributeKind kind) => kind switch
    {
        ValidationAttributeKind.Number => "a numeric type",
        ValidationAttributeKind.StringOrCollection => "a string, array or collection",
        _ => "a string",
    };

    private static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_SByte
        or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
        or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
        or SpecialType.System_Decimal;
}
