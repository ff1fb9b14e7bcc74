using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
namespace Processes.Shared;

/// <summary>
/// Decides whether the generated serializer can handle a type, and if not, which type and which
/// member path is to blame. Marked user types are walked member by member, each type once.
/// Compiled into both the analyzers, which report the type (PRC0013, PRC0014, PRC0037, …), and the
/// generator, which leaves out the port, state field or data member that uses it.
/// </summary>
internal sealed class SerializableTypes
{
    private static readonly string[] SupportedValueTypes =
    {
        "System.Guid", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "Processes.ProcessId",
    };

    private readonly HashSet<INamedTypeSymbol> _supported = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol? _processData;
    private readonly INamedTypeSymbol? _portNamespace;

    public SerializableTypes(Compilation compilation)
    {
        _processData = compilation.GetTypeByMetadataName("Processes.ProcessDataAttribute");
        _portNamespace = compilation.GetTypeByMetadataName("Processes.PortNamespaceAttribute");
        foreach (var name in SupportedValueTypes)
        {
            Add(compilation.GetTypeByMetadataName(name));
        }
    }

    /// <summary>Whether the generated serializer handles <paramref name="type"/> and everything it reaches.</summary>
    public bool IsSupported(ITypeSymbol type) => FindUnsupported(type, "") is null;

    /// <summary>
    /// The first unsupported type reachable from <paramref name="type"/>, with the member path that
    /// reaches it (starting at <paramref name="path"/>), or null when everything is supported.
    /// </summary>
    public UnsupportedMember? FindUnsupported(ITypeSymbol type, string path)
    {
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        return Find(type, path, visited);
    }

    /// <summary>Whether the type is a user type the serializer walks member by member.</summary>
    public bool IsMarked(ITypeSymbol type) =>
        Has(type, _processData) || Has(type, _portNamespace) || MemoryPackRules.IsMemoryPackable(type);

    private UnsupportedMember? Find(ITypeSymbol type, string path, HashSet<ITypeSymbol> visited)
    {
        if (IsPrimitive(type) || type.TypeKind == TypeKind.Enum)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.IsSZArray ? Find(array.ElementType, path, visited) : new UnsupportedMember(type, path);
        }

        if (type is not INamedTypeSymbol named)
        {
            return new UnsupportedMember(type, path);
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            // A nullable [ProcessData] struct is supported when its members are.
            // A nullable [MemoryPackable] struct the codec cannot handle is reported for the struct's own reason (PRC0037).
            var value = named.TypeArguments[0];
            return SupportRules.IsSupportedNullableValue(value) || MemoryPackRules.IsMemoryPackable(value) ? Find(value, path, visited) : new UnsupportedMember(type, path);
        }

        var family = SupportRules.Collection(named);
        if (family != SupportRules.CollectionFamily.None)
        {
            if (family == SupportRules.CollectionFamily.Dictionary && named.TypeArguments[0].NullableAnnotation == NullableAnnotation.Annotated)
            {
                return new UnsupportedMember(type, path);
            }

            foreach (var argument in named.TypeArguments)
            {
                if (Find(argument, path, visited) is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        if (_supported.Contains(named.OriginalDefinition))
        {
            return null;
        }

        if (!IsMarked(named))
        {
            return new UnsupportedMember(type, path);
        }

        if (!visited.Add(named))
        {
            return null;
        }

        // A [MemoryPackable] type (not also a port namespace, whose ports rule) is serialized by MemoryPack's member rules.
        if (MemoryPackRules.IsMemoryPackable(named) && !Has(named, _portNamespace))
        {
            return FindInMemoryPackable(named, path, visited);
        }

        return FindInMembers(named, path, visited);
    }

    private UnsupportedMember? FindInMemoryPackable(INamedTypeSymbol type, string path, HashSet<ITypeSymbol> visited)
    {
        if (MemoryPackRules.UnsupportedReason(type) is { } reason)
        {
            return new UnsupportedMember(type, path, reason);
        }

        foreach (var member in MemoryPackRules.SerializedMembers(type))
        {
            var memberType = MemoryPackRules.MemberType(member);
            if (Find(memberType, path + "." + member.Name, visited) is { } inner)
            {
                // The innermost [MemoryPackable] type names its own problem; otherwise this one says which member is to blame.
                return inner.MemoryPackReason is not null
                    ? inner
                    : new UnsupportedMember(type, inner.Path, $"has the member '{member.Name}' of type '{inner.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}', which the SDK cannot serialize");
            }
        }

        return null;
    }

    private UnsupportedMember? FindInMembers(INamedTypeSymbol type, string path, HashSet<ITypeSymbol> visited)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared)
            {
                continue;
            }

            var memberType = member switch
            {
                IFieldSymbol { IsConst: false } field => field.Type,
                IPropertySymbol { IsIndexer: false, SetMethod: not null } property => property.Type,
                IPropertySymbol property when SupportRules.IsInPlaceCollection(property) && !Has(type, _portNamespace) => property.Type,
                _ => null,
            };
            if (memberType is not null && Find(memberType, path + "." + member.Name, visited) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static bool IsPrimitive(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32
            or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal
            or SpecialType.System_Char or SpecialType.System_String or SpecialType.System_DateTime => true,
        _ => false,
    };

    private static bool Has(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null && symbol.GetAttributes().Any(data => SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute));

    private void Add(INamedTypeSymbol? type)
    {
        if (type is not null)
        {
            _supported.Add(type);
        }
    }
}
