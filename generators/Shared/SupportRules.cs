using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Shared;

/// <summary>
/// What the generator supports: class shapes, port members, collection types, nullable values and
/// validation attributes. Compiled into both the generator and the analyzers (linked source), so
/// that every declaration the generator skips is one an analyzer reports, with the same reason.
/// </summary>
internal static class SupportRules
{
    /// <summary>The collection families the serializer writes.</summary>
    public enum CollectionFamily
    {
        /// <summary>Not a supported collection.</summary>
        None,

        /// <summary>A list-like sequence, materialized as a <c>List&lt;T&gt;</c>.</summary>
        Sequence,

        /// <summary>A <c>HashSet&lt;T&gt;</c>.</summary>
        HashSet,

        /// <summary>A sequence that is only enumerable (no count).</summary>
        Enumerable,

        /// <summary>A dictionary, materialized as a <c>Dictionary&lt;TKey, TValue&gt;</c>.</summary>
        Dictionary,
    }

    /// <summary>The DataAnnotations attributes (simple names) the generator compiles into checks.</summary>
    public static readonly string[] ValidationAttributeNames =
    {
        "RangeAttribute", "MinLengthAttribute", "MaxLengthAttribute", "LengthAttribute", "StringLengthAttribute",
        "RegularExpressionAttribute", "EmailAddressAttribute", "UrlAttribute", "Base64StringAttribute",
        "AllowedValuesAttribute", "DeniedValuesAttribute", "RequiredAttribute",
    };

    /// <summary>The namespace of the DataAnnotations attributes.</summary>
    public const string DataAnnotationsNamespace = "System.ComponentModel.DataAnnotations";

    /// <summary>
    /// Why a <c>[Process]</c> or <c>[Task]</c> class cannot be generated, phrased to follow
    /// "because it is", or null when its shape is supported.
    /// </summary>
    public static string? UnsupportedClassReason(INamedTypeSymbol type)
    {
        if (type.IsStatic)
        {
            return "static";
        }

        if (type.IsAbstract)
        {
            return "abstract";
        }

        if (type.IsValueType)
        {
            return "a struct";
        }

        if (type.IsRecord)
        {
            return "a record; declare it as a 'partial class'";
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return SymbolEqualityComparer.Default.Equals(current, type) ? "generic" : "nested in a generic type";
            }
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() is "Processes.ProcessDataAttribute" or "Processes.PortNamespaceAttribute")
            {
                return "also marked [" + attribute.AttributeClass.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length) + "]; a process or task is serialized by its ports and state";
            }
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
        {
            return "derived from '" + baseType.ToDisplayString() + "'; a process or task class cannot have a base class";
        }

        return null;
    }

    /// <summary>
    /// Whether the class has the method the generated code calls: <c>void DefineOutline(OutlineBuilder)</c>
    /// for a process, <c>ValueTask RunAsync(TaskContext)</c> for a task (instance, not generic, by value).
    /// </summary>
    public static bool HasEntryMethod(INamedTypeSymbol type, bool isTask)
    {
        var parameterType = isTask ? "Processes.TaskContext" : "Processes.OutlineBuilder";
        foreach (var member in type.GetMembers(isTask ? "RunAsync" : "DefineOutline"))
        {
            if (member is IMethodSymbol { IsStatic: false, IsGenericMethod: false, Parameters.Length: 1 } method
                && method.Parameters[0].RefKind == RefKind.None
                && method.Parameters[0].Type.ToDisplayString() == parameterType
                && (isTask ? method.ReturnType.ToDisplayString() == "System.Threading.Tasks.ValueTask" : method.ReturnsVoid))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What is wrong with the <c>[Validator(methodName)]</c> of a value of <paramref name="valueType"/>
    /// declared on <paramref name="owner"/>, or null when some overload fits: a static method taking
    /// one by-value parameter that accepts the value and returning <c>string?</c>.
    /// </summary>
    public static string? ValidatorProblem(Compilation compilation, INamedTypeSymbol owner, string methodName, ITypeSymbol valueType)
    {
        var candidates = new List<IMethodSymbol>();
        for (var type = owner; type is not null; type = type.BaseType)
        {
            candidates.AddRange(type.GetMembers(methodName).OfType<IMethodSymbol>());
        }

        if (candidates.Count == 0)
        {
            return $"does not exist in '{owner.Name}'";
        }

        string? firstProblem = null;
        foreach (var candidate in candidates)
        {
            var problem = ValidatorMethodProblem(compilation, candidate, valueType);
            if (problem is null)
            {
                return null;
            }

            firstProblem ??= problem;
        }

        return firstProblem;
    }

    private static string? ValidatorMethodProblem(Compilation compilation, IMethodSymbol method, ITypeSymbol valueType)
    {
        if (!method.IsStatic)
        {
            return "must be static";
        }

        if (method.Parameters.Length != 1
            || method.Parameters[0].RefKind != RefKind.None
            || !compilation.HasImplicitConversion(valueType, method.Parameters[0].Type))
        {
            return $"must take one parameter that accepts '{valueType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}'";
        }

        return method.ReturnType.SpecialType == SpecialType.System_String ? null : "must return 'string?'";
    }

    /// <summary>Why a property marked <c>[Input]</c> or <c>[Output]</c> cannot be a port, or null when it can.</summary>
    public static string? UnsupportedPortMemberReason(IPropertySymbol property)
    {
        if (property.IsStatic)
        {
            return "static; a port belongs to each instance";
        }

        if (property.IsIndexer)
        {
            return "an indexer";
        }

        return property.GetMethod is null ? "write-only; a port needs a 'get' accessor" : null;
    }

    /// <summary>
    /// Whether a field of a <c>[Process]</c> class is checkpointed state: an instance field the user
    /// declared, writable and not <c>[Transient]</c>. A <c>[Task]</c> runs to completion and has no state.
    /// </summary>
    public static bool IsStateField(IFieldSymbol field, bool isTransient) =>
        !field.IsStatic && !field.IsConst && !field.IsReadOnly && !field.IsImplicitlyDeclared
        && field.AssociatedSymbol is null && field.CanBeReferencedByName && !isTransient;

    /// <summary>Which collection family a constructed generic type belongs to.</summary>
    public static CollectionFamily Collection(INamedTypeSymbol type)
    {
        if (!type.IsGenericType || type.ContainingNamespace?.ToDisplayString() != "System.Collections.Generic")
        {
            return CollectionFamily.None;
        }

        return type.OriginalDefinition.MetadataName switch
        {
            "List`1" or "IList`1" or "IReadOnlyList`1" or "ICollection`1" or "IReadOnlyCollection`1" => CollectionFamily.Sequence,
            "HashSet`1" => CollectionFamily.HashSet,
            "IEnumerable`1" => CollectionFamily.Enumerable,
            "Dictionary`2" or "IDictionary`2" or "IReadOnlyDictionary`2" => CollectionFamily.Dictionary,
            _ => CollectionFamily.None,
        };
    }

    /// <summary>
    /// Whether a public get-only property of a <c>[ProcessData]</c> type is a collection the
    /// serializer fills in place (cleared, then each element added): an auto-property (it holds the
    /// collection its initializer created) of a mutable collection type, <c>List&lt;T&gt;</c>,
    /// <c>IList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>,
    /// <c>Dictionary&lt;TKey, TValue&gt;</c> or <c>IDictionary&lt;TKey, TValue&gt;</c> (the shape CA2227
    /// recommends). A computed property, or one of a read-only collection type, is not serialized.
    /// </summary>
    public static bool IsInPlaceCollection(IPropertySymbol property)
    {
        if (property.IsStatic || property.IsIndexer || property.GetMethod is null || property.SetMethod is not null
            || property.DeclaredAccessibility != Accessibility.Public
            || property.Type is not INamedTypeSymbol { IsGenericType: true } type
            || type.ContainingNamespace?.ToDisplayString() != "System.Collections.Generic"
            || type.OriginalDefinition.MetadataName is not ("List`1" or "IList`1" or "ICollection`1" or "HashSet`1" or "Dictionary`2" or "IDictionary`2"))
        {
            return false;
        }

        return IsAutoProperty(property);
    }

    /// <summary>Whether <paramref name="property"/> is an auto-property: it has a compiler-made backing field, so it holds data (a computed property holds none).</summary>
    public static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <c>Nullable&lt;T&gt;</c> of <paramref name="value"/> is supported: values with a fixed raw
    /// layout (numbers, bool, char, DateTime, Guid, TimeSpan, ProcessId, enums), <c>DateTimeOffset</c>
    /// (MemoryPack's 16 bytes in the nullable's raw layout) and <c>[ProcessData]</c> structs (an
    /// object header, then the value). Not <c>[PortNamespace]</c> structs: a port namespace is
    /// optional by being a nullable class or by having a default.
    /// </summary>
    public static bool IsSupportedNullableValue(ITypeSymbol value)
    {
        if (IsNullableDataStruct(value))
        {
            return true;
        }

        if (value is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            value = underlying;
        }

        switch (value.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Char:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Single:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_DateTime:
                return true;
        }

        return value.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
            is "global::System.Guid" or "global::System.TimeSpan" or "global::System.DateTimeOffset" or "global::Processes.ProcessId";
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a non-generic struct marked <c>[ProcessData]</c> or a
    /// supported <c>[MemoryPackable]</c> (and not <c>[PortNamespace]</c>), whose <c>Nullable&lt;T&gt;</c> is written through its generated serializer.
    /// </summary>
    public static bool IsNullableDataStruct(ITypeSymbol value)
    {
        if (value is not INamedTypeSymbol { TypeKind: TypeKind.Struct, IsGenericType: false } named)
        {
            return false;
        }

        var isData = MemoryPackRules.IsMemoryPackable(named) && MemoryPackRules.UnsupportedReason(named) is null;
        foreach (var attribute in named.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case "Processes.PortNamespaceAttribute":
                    return false;
                case "Processes.ProcessDataAttribute":
                    isData = true;
                    break;
            }
        }

        return isData;
    }

    /// <summary>Whether a DataAnnotations attribute (by simple metadata name) is one the generator compiles.</summary>
    public static bool IsSupportedValidationAttribute(string name) =>
        System.Array.IndexOf(ValidationAttributeNames, name) >= 0;

    /// <summary>Whether the attribute class derives from DataAnnotations' <c>ValidationAttribute</c>.</summary>
    public static bool IsValidationAttribute(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == DataAnnotationsNamespace + ".ValidationAttribute")
            {
                return true;
            }
        }

        return false;
    }
}
