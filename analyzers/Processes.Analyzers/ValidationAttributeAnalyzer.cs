using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks the DataAnnotations attributes on ports (and on the members of <c>[PortNamespace]</c>
/// types): that each applies to the port's type, that its bounds and pattern are valid, and that
/// a constant default passes it.
/// </summary>
/// <remarks>
/// Cost: defaults are found from property declarations that have an initializer (a syntax-node
/// action), not from an operation action, which would make the driver build an operation tree for
/// every method body; only a port's initializer is turned into an operation.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValidationAttributeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ValidationAttributeNotApplicable,
        DiagnosticDescriptors.InvalidBounds,
        DiagnosticDescriptors.InvalidRegularExpression,
        DiagnosticDescriptors.DefaultViolatesValidation,
        DiagnosticDescriptors.UnsupportedValidationAttribute);

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

            var attributes = new ValidationAttributes(start.Compilation);
            if (attributes.IsEmpty)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeProperty(symbolContext, symbols, attributes), SymbolKind.Property);
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeDefault(nodeContext, symbols, attributes), SyntaxKind.PropertyDeclaration);
        });
    }

    private static void AnalyzeProperty(SymbolAnalysisContext context, KnownSymbols symbols, ValidationAttributes attributes)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (!symbols.IsPort(property))
        {
            return;
        }

        foreach (var attribute in property.GetAttributes())
        {
            if (attributes.KindOf(attribute) is not { } kind)
            {
                if (SupportRules.IsValidationAttribute(attribute.AttributeClass))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnsupportedValidationAttribute,
                        attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? property.Locations.FirstOrDefault(),
                        ShortName(attribute.AttributeClass!),
                        property.Name,
                        property.ContainingType.Name));
                }

                continue;
            }

            var rule = ValidationRule.Read(attribute);
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation();
            if (!attributes.Applies(kind, property.Type))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ValidationAttributeNotApplicable,
                    location,
                    rule.Name,
                    property.Name,
                    property.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                    ValidationAttributes.Describe(kind)));
                continue;
            }

            if (rule.Bounds is { } bounds && bounds.Minimum > bounds.Maximum)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidBounds,
                    location,
                    ValidationRule.Format(bounds.Minimum),
                    rule.Name,
                    ValidationRule.Format(bounds.Maximum)));
            }

            if (rule.Pattern is not null && ValidationRule.TryParsePattern(rule.Pattern) is { } error)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidRegularExpression,
                    FirstArgumentLocation(attribute, context.CancellationToken) ?? location,
                    error));
            }
        }
    }

    private static void AnalyzeDefault(SyntaxNodeAnalysisContext context, KnownSymbols symbols, ValidationAttributes attributes)
    {
        var declaration = (PropertyDeclarationSyntax)context.Node;
        if (declaration.Initializer is not { } syntax
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } declared
            || !symbols.IsPort(declared)
            || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IPropertyInitializerOperation initializer
            || initializer.InitializedProperties.Length != 1
            || !initializer.Value.ConstantValue.HasValue
            || initializer.Value.ConstantValue.Value is not { } value)
        {
            return;
        }

        var property = initializer.InitializedProperties[0];
        foreach (var attribute in property.GetAttributes())
        {
            if (attributes.KindOf(attribute) is not { } kind || !attributes.Applies(kind, property.Type))
            {
                continue;
            }

            var rule = ValidationRule.Read(attribute);
            if (rule.Check(value) is { } failure)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DefaultViolatesValidation,
                    initializer.Value.Syntax.GetLocation(),
                    ValidationRule.Format(value),
                    property.Name,
                    rule.Name,
                    failure));
            }
        }
    }

    private static string ShortName(INamedTypeSymbol attribute) =>
        attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;

    private static Location? FirstArgumentLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } arguments }
            ? arguments.First().Expression.GetLocation()
            : null;
}
