using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Suppresses the trim analyzer's IL2026 on a DataAnnotations attribute that the generator
/// compiles into a check on a port. <c>MinLength</c>, <c>MaxLength</c> and <c>Length</c> have
/// <c>[RequiresUnreferencedCode]</c> constructors because their <c>IsValid</c> reads <c>Count</c>
/// by reflection; on a port nothing calls <c>IsValid</c>: the generated check reads the length
/// directly, so a Native AOT app that uses the documented vocabulary publishes without warnings.
/// The same attribute anywhere else (a type the SDK does not generate for) keeps its warning.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValidationTrimWarningSuppressor : DiagnosticSuppressor
{
    /// <summary>The trim analyzer's "member with RequiresUnreferencedCode" warning.</summary>
    internal const string RequiresUnreferencedCodeId = "IL2026";

    internal static readonly SuppressionDescriptor CompiledValidation = new(
        "PRCS0001",
        RequiresUnreferencedCodeId,
        "The Processes generator compiles this validation attribute on a port into a reflection-free check; the attribute's own reflection-based IsValid is never called.");

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(CompiledValidation);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (IsOnCompiledValidationAttribute(diagnostic, context))
            {
                context.ReportSuppression(Suppression.Create(CompiledValidation, diagnostic));
            }
        }
    }

    private static bool IsOnCompiledValidationAttribute(Diagnostic diagnostic, SuppressionAnalysisContext context)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
        {
            return false;
        }

        var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<AttributeSyntax>() is not { Parent: AttributeListSyntax { Parent: PropertyDeclarationSyntax declaration } } attribute)
        {
            return false;
        }

        var model = context.GetSemanticModel(tree);
        if (KnownSymbols.TryCreate(model.Compilation) is not { } symbols
            || model.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { } attributeType }
            || attributeType.ContainingNamespace?.ToDisplayString() != SupportRules.DataAnnotationsNamespace
            || !SupportRules.IsSupportedValidationAttribute(attributeType.MetadataName))
        {
            return false;
        }

        return model.GetDeclaredSymbol(declaration, context.CancellationToken) is { } property && symbols.IsPort(property);
    }
}
