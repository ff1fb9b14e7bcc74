using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks the members of a <c>[SharedState]</c> class like a port namespace: each one must have
/// a serializable type (PRC0042) and be settable after construction (PRC0043), by the same rules
/// the generator applies (<c>generators/Shared/SharedStateRules.cs</c>). The class's own shape is
/// PRC0028's (<see cref="DataTypeDeclarationAnalyzer"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedStateAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedSharedStateMemberType,
        DiagnosticDescriptors.SharedStateMemberNotUpdatable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.SharedStateAttribute is null)
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
        if (!KnownSymbols.Has(type, symbols.SharedStateAttribute))
        {
            return;
        }

        foreach (var member in type.GetMembers().Where(SharedStateRules.IsStateMember))
        {
            var location = member.Locations.FirstOrDefault();
            if (SharedStateRules.NotUpdatableReason(member) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SharedStateMemberNotUpdatable, location, type.Name + "." + member.Name, reason));
            }

            var memberType = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
            if (types.FindUnsupported(memberType, type.Name + "." + member.Name) is { } unsupported)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedSharedStateMemberType,
                    location,
                    unsupported.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                    unsupported.Path));
            }
        }
    }
}
