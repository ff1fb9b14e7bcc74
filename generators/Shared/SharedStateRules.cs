using Microsoft.CodeAnalysis;

namespace Processes.Shared;

/// <summary>
/// What a <c>[SharedState]</c> class is made of: which members are its state, which of those an
/// update can change, and the name it is stored under. Compiled into the generator and the
/// analyzers, so a class the generator skips is one the analyzers report, with the same reason.
/// </summary>
internal static class SharedStateRules
{
    /// <summary>The attribute's metadata name.</summary>
    public const string AttributeName = "Processes.SharedStateAttribute";

    /// <summary>True for a member that is part of the state: a public instance field (not const) or a public instance property with a getter and a setter.</summary>
    public static bool IsStateMember(ISymbol member) =>
        !member.IsStatic && !member.IsImplicitlyDeclared && member.DeclaredAccessibility == Accessibility.Public
        && member switch
        {
            IFieldSymbol field => !field.IsConst && field.AssociatedSymbol is null,
            IPropertySymbol property => !property.IsIndexer && property.GetMethod is not null && property.SetMethod is not null,
            _ => false,
        };

    /// <summary>Why an update could not set a state member, phrased to follow "because", or null when it can.</summary>
    public static string? NotUpdatableReason(ISymbol member) => member switch
    {
        IFieldSymbol { IsReadOnly: true } => "it is readonly; an update must be able to set it",
        IPropertySymbol { SetMethod.IsInitOnly: true } => "its setter is init-only; use 'set'",
        _ => null,
    };

    /// <summary>The name the state is stored under: the attribute's <c>Name</c>, else the type's full metadata name.</summary>
    public static string StateName(INamedTypeSymbol type, AttributeData? attribute)
    {
        if (attribute is not null)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Name" && argument.Value.Value is string { Length: > 0 } name)
                {
                    return name;
                }
            }
        }

        var metadataName = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            metadataName = outer.MetadataName + "+" + metadataName;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? metadataName : ns.ToDisplayString() + "." + metadataName;
    }
}
