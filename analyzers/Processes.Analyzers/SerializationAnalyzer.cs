using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks that every port of a process or task, and every state field of a process, has a type
/// the generated serializer can write: ports travel to workers, state goes into checkpoints.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SerializationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property holding the metadata name of a source type a fix can mark <c>[ProcessData]</c>.</summary>
    public const string MarkableTypeProperty = "MarkableType";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedPortType,
        DiagnosticDescriptors.UnsupportedStateType,
        DiagnosticDescriptors.UnsupportedMemoryPackable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var types = new SerializableTypes(symbols.Compilation);
            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols, types), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols, SerializableTypes types)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var kind = symbols.GetKind(type);
        if (kind is null)
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol property
                && (KnownSymbols.Has(property, symbols.InputAttribute) || KnownSymbols.Has(property, symbols.OutputAttribute)))
            {
                Report(context, types, DiagnosticDescriptors.UnsupportedPortType, property.Type, type.Name + "." + property.Name, property);
            }
            else if (kind == "Process" && member is IFieldSymbol field && SupportRules.IsStateField(field, KnownSymbols.Has(field, symbols.TransientAttribute)))
            {
                Report(context, types, DiagnosticDescriptors.UnsupportedStateType, field.Type, type.Name + "." + field.Name, field);
            }
        }
    }

    private static void Report(
        SymbolAnalysisContext context,
        SerializableTypes types,
        DiagnosticDescriptor descriptor,
        ITypeSymbol memberType,
        string path,
        ISymbol member)
    {
        if (types.FindUnsupported(memberType, path) is not { } unsupported)
        {
            return;
        }

        if (unsupported.MemoryPackReason is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnsupportedMemoryPackable,
                member.Locations.FirstOrDefault(),
                unsupported.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                unsupported.Path,
                reason));
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (IsMarkable(unsupported.Type))
        {
            properties = properties.Add(MarkableTypeProperty, MetadataName((INamedTypeSymbol)unsupported.Type));
        }

        context.ReportDiagnostic(Diagnostic.Create(
            descriptor,
            member.Locations.FirstOrDefault(),
            properties,
            unsupported.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
            unsupported.Path));
    }

    // Only a class or struct declared in this compilation can be given [ProcessData] by a fix.
    private static bool IsMarkable(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsTupleType: false }
        && type.Locations.Any(location => location.IsInSource);

    private static string MetadataName(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        var name = definition.MetadataName;
        for (var outer = definition.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = definition.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }
}
