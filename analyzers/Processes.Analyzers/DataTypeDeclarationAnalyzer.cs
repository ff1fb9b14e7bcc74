using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// PRC0028: a <c>[ProcessData]</c> or <c>[PortNamespace]</c> type the generator skips (not
/// partial, nested in a non-partial type, generic, abstract, static, derived from a class, or
/// with 250 or more serialized members).
/// The generator then emits nothing for it, and without this diagnostic the user only sees
/// errors inside the generated code of the processes that use the type. The checks mirror
/// <c>ProcessGenerator.Parser.ParseData</c> and <c>ParseType</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataTypeDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// The diagnostic property that is present when adding <c>partial</c> is the whole fix
    /// (the type has no shape problem that <c>partial</c> would not cure).
    /// </summary>
    public const string MakePartialProperty = "MakePartial";

    private const int MaximumMembers = 250;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DataTypeNotGenerated);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols is null || (symbols.ProcessDataAttribute is null && symbols.PortNamespaceAttribute is null && symbols.SharedStateAttribute is null))
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = KnownSymbols.Has(type, symbols.PortNamespaceAttribute) ? "PortNamespace"
            : KnownSymbols.Has(type, symbols.ProcessDataAttribute) ? "ProcessData"
            : KnownSymbols.Has(type, symbols.SharedStateAttribute) ? "SharedState"
            : null;

        // A process or task has its own declaration checks (PRC0001, PRC0003); reporting here too would say it twice.
        if (attribute is null || symbols.IsProcessOrTask(type))
        {
            return;
        }

        var declaration = type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(context.CancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault();
        if (declaration is null)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        var reason = attribute == "SharedState" && type.IsRecord ? "it is a record; use a plain class" : ShapeReason(type, attribute);
        if (reason is null)
        {
            reason = PartialReason(type, context.CancellationToken);
            properties = properties.Add(MakePartialProperty, "true");
        }

        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DataTypeNotGenerated,
                declaration.Identifier.GetLocation(),
                properties,
                attribute,
                type.Name,
                reason));
        }
    }

    // Problems that 'partial' does not cure, in the order the generator tests them.
    private static string? ShapeReason(INamedTypeSymbol type, string attribute)
    {
        if (type.IsStatic)
        {
            return "it is static; remove 'static'";
        }

        if (type.IsAbstract)
        {
            return "it is abstract; mark a concrete type instead";
        }

        if (type.Arity > 0)
        {
            return "it is generic; use a non-generic type";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.Arity > 0)
            {
                return $"it is nested in the generic type '{outer.Name}'; move it out of '{outer.Name}'";
            }
        }

        if (!type.IsValueType && type.BaseType is { SpecialType: not SpecialType.System_Object, TypeKind: not TypeKind.Error } baseType)
        {
            return $"it derives from '{baseType.Name}'; remove the base class";
        }

        // The serialized header byte counts members and keeps 255 for null; the generator stops at 250.
        if (SerializedMemberCount(type, countsCollectionsFilledInPlace: attribute == "ProcessData") >= MaximumMembers)
        {
            return $"it has {MaximumMembers} or more serialized members; group some of them in a nested [ProcessData] type";
        }

        return null;
    }

    // The members ParseData serializes: public instance fields, public properties with a getter and a
    // setter, and (for [ProcessData]) get-only collections it fills in place.
    private static int SerializedMemberCount(INamedTypeSymbol type, bool countsCollectionsFilledInPlace) =>
        type.GetMembers().Count(member =>
            !member.IsStatic && !member.IsImplicitlyDeclared && member.DeclaredAccessibility == Accessibility.Public
            && member switch
            {
                IFieldSymbol field => !field.IsConst && field.AssociatedSymbol is null,
                IPropertySymbol property => (!property.IsIndexer && property.GetMethod is not null && property.SetMethod is not null)
                    || (countsCollectionsFilledInPlace && SupportRules.IsInPlaceCollection(property)),
                _ => false,
            });

    private static string? PartialReason(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var missing = new List<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current, cancellationToken))
            {
                missing.Add(current);
            }
        }

        if (missing.Count == 0)
        {
            return null;
        }

        if (missing.Count == 1 && SymbolEqualityComparer.Default.Equals(missing[0], type))
        {
            return "it is not partial; declare it partial";
        }

        var names = string.Join(" and ", missing.Select(symbol => "'" + symbol.Name + "'"));
        return missing.Count == 1
            ? $"the containing type {names} is not partial; declare it partial"
            : $"{names} are not partial; declare them partial";
    }

    // Every declaration must say 'partial', as the generator requires (ParseType.IsPartial).
    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.All(reference =>
            reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
}
