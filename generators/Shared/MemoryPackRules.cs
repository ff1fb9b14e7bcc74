using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Shared;

/// <summary>
/// Which <c>[MemoryPackable]</c> user types the generator writes its own codec for, and which of
/// their members that codec writes, in MemoryPack's order. Compiled into both the generator and
/// the analyzers (linked source): every <c>[MemoryPackable]</c> type the generator skips is one
/// the analyzer reports (PRC0037), with the reason given here. MemoryPack's attributes are found
/// by metadata name, so neither the generator nor the runtime references MemoryPack.
/// </summary>
/// <remarks>
/// The codec writes MemoryPack's wire format for <c>GenerateType.Object</c> (the default): an
/// object header with the member count, then each member. Members are MemoryPack's: instance
/// fields and properties with a getter that are public or marked <c>[MemoryPackInclude]</c>, not
/// <c>[MemoryPackIgnore]</c>, in declaration order or by <c>[MemoryPackOrder]</c>.
/// </remarks>
internal static class MemoryPackRules
{
    /// <summary>The metadata name of MemoryPack's <c>[MemoryPackable]</c>.</summary>
    public const string MemoryPackableAttribute = "MemoryPack.MemoryPackableAttribute";

    private const string IgnoreAttribute = "MemoryPack.MemoryPackIgnoreAttribute";
    private const string IncludeAttribute = "MemoryPack.MemoryPackIncludeAttribute";
    private const string OrderAttribute = "MemoryPack.MemoryPackOrderAttribute";
    private const string UnionAttribute = "MemoryPack.MemoryPackUnionAttribute";
    private const string UnionFormatterAttribute = "MemoryPack.MemoryPackUnionFormatterAttribute";
    private const string CustomFormatterAttribute = "MemoryPackCustomFormatterAttribute";

    private static readonly string[] CallbackAttributes =
    {
        "MemoryPack.MemoryPackOnSerializingAttribute", "MemoryPack.MemoryPackOnSerializedAttribute",
        "MemoryPack.MemoryPackOnDeserializingAttribute", "MemoryPack.MemoryPackOnDeserializedAttribute",
    };

    /// <summary>The most members a serialized type can have (the header byte keeps 250 and up for other uses).</summary>
    public const int MaximumMembers = 250;

    /// <summary>Whether the type carries <c>[MemoryPackable]</c>.</summary>
    public static bool IsMemoryPackable(ITypeSymbol type) => Find(type, MemoryPackableAttribute) is not null;

    /// <summary>
    /// Why the SDK's codec cannot serialize this <c>[MemoryPackable]</c> type, phrased to follow
    /// "because it", or null when it can. Member types are checked by the caller (the generator
    /// classifies them, the analyzer walks them).
    /// </summary>
    public static string? UnsupportedReason(INamedTypeSymbol type)
    {
        if (Find(type, MemoryPackableAttribute) is not { } attribute)
        {
            return "is not [MemoryPackable]";
        }

        var generateType = GenerateTypeName(attribute);
        if (generateType != "Object")
        {
            return $"uses GenerateType.{generateType}; only GenerateType.Object (the default) is supported";
        }

        if (Find(type, UnionAttribute) is not null || Find(type, UnionFormatterAttribute) is not null)
        {
            return "is a MemoryPack union; use a concrete [MemoryPackable] type";
        }

        if (type.IsAbstract || type.TypeKind == TypeKind.Interface)
        {
            return "is abstract; use a concrete type";
        }

        if (type.IsStatic)
        {
            return "is static";
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.Arity > 0)
            {
                return SymbolEqualityComparer.Default.Equals(current, type) ? "is generic; use a non-generic type" : $"is nested in the generic type '{current.Name}'";
            }
        }

        if (!type.IsValueType && type.BaseType is { SpecialType: not SpecialType.System_Object, TypeKind: not TypeKind.Error } baseType)
        {
            return $"derives from '{baseType.Name}'; the SDK's codec serializes types without a base class";
        }

        if (type.IsValueType && type.IsUnmanagedType)
        {
            return "is an unmanaged struct, which MemoryPack copies as raw memory; add a string member, or use [ProcessData]";
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && CallbackAttributes.Any(name => Find(method, name) is not null))
            {
                return $"has the serialization callback '{method.Name}', which the SDK's codec does not call";
            }
        }

        var members = SerializedMembers(type);
        foreach (var member in members)
        {
            if (HasCustomFormatter(member))
            {
                return $"has a custom formatter on '{member.Name}', which the SDK's codec does not run";
            }
        }

        return members.Count >= MaximumMembers ? $"has {MaximumMembers} or more serialized members" : null;
    }

    /// <summary>
    /// The members MemoryPack serializes, in its order: instance fields and properties (not
    /// indexers, not set-only) that are public or <c>[MemoryPackInclude]</c> and not
    /// <c>[MemoryPackIgnore]</c>, in declaration order, then stably sorted by
    /// <c>[MemoryPackOrder]</c> (a member without it keeps its position as its order).
    /// </summary>
    public static List<ISymbol> SerializedMembers(INamedTypeSymbol type)
    {
        var members = new List<(ISymbol Member, int Order)>();
        foreach (var member in type.GetMembers())
        {
            if (member is not (IFieldSymbol or IPropertySymbol) || member.IsStatic || member.IsImplicitlyDeclared || !member.CanBeReferencedByName)
            {
                continue;
            }

            if (Find(member, IgnoreAttribute) is not null
                || (member.DeclaredAccessibility != Accessibility.Public && Find(member, IncludeAttribute) is null)
                || member is IPropertySymbol { IsIndexer: true } or IPropertySymbol { GetMethod: null })
            {
                continue;
            }

            var order = members.Count;
            if (Find(member, OrderAttribute) is { ConstructorArguments.Length: 1 } orderAttribute && orderAttribute.ConstructorArguments[0].Value is int explicitOrder)
            {
                order = explicitOrder;
            }

            members.Add((member, order));
        }

        return members.OrderBy(pair => pair.Order).Select(pair => pair.Member).ToList();
    }

    /// <summary>The type of a field or property.</summary>
    public static ITypeSymbol MemberType(ISymbol member) => member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;

    /// <summary>
    /// Whether the codec's constructor can set the member: a field (readonly too), a property with
    /// a setter (init too) or a get-only auto-property. A computed property is written and, like
    /// MemoryPack does, read and dropped.
    /// </summary>
    public static bool IsAssignable(ISymbol member) => member switch
    {
        IFieldSymbol => true,
        IPropertySymbol { SetMethod: not null } => true,
        IPropertySymbol property => SupportRules.IsAutoProperty(property),
        _ => false,
    };

    private static bool HasCustomFormatter(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            for (var current = attribute.AttributeClass; current is not null; current = current.BaseType)
            {
                if (current.Name == CustomFormatterAttribute && current.ContainingNamespace?.ToDisplayString() == "MemoryPack")
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The GenerateType of [MemoryPackable(...)]: its constructors take a GenerateType, a SerializeLayout, or both.
    private static string GenerateTypeName(AttributeData attribute)
    {
        var constructor = attribute.AttributeConstructor;
        for (var i = 0; constructor is not null && i < attribute.ConstructorArguments.Length && i < constructor.Parameters.Length; i++)
        {
            if (constructor.Parameters[i].Type.Name == "GenerateType" && attribute.ConstructorArguments[i].Value is int value)
            {
                return value switch
                {
                    0 => "Object",
                    1 => "VersionTolerant",
                    2 => "CircularReference",
                    3 => "Collection",
                    4 => "NoGenerate",
                    _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            }
        }

        return "Object";
    }

    private static AttributeData? Find(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
            {
                return attribute;
            }
        }

        return null;
    }
}
