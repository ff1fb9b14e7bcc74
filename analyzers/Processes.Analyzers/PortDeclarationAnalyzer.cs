using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks the <c>[Input]</c> and <c>[Output]</c> properties of a type: accessors, one direction
/// per member, ports only on processes and tasks, unique and valid names, and <c>required</c>
/// members without a dead initializer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PortDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InputNotSettable,
        DiagnosticDescriptors.OutputWithoutSetter,
        DiagnosticDescriptors.InputAndOutput,
        DiagnosticDescriptors.PortOutsideProcess,
        DiagnosticDescriptors.DuplicatePortName,
        DiagnosticDescriptors.InvalidPortName,
        DiagnosticDescriptors.RequiredWithInitializer,
        DiagnosticDescriptors.SettableInput,
        DiagnosticDescriptors.UnsupportedPortMember);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.InputAttribute is null || symbols.OutputAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var isProcess = symbols.IsProcessOrTask(type);
        var isNamespace = KnownSymbols.Has(type, symbols.PortNamespaceAttribute);
        var inputNames = new Dictionary<string, IPropertySymbol>();
        var outputNames = new Dictionary<string, IPropertySymbol>();
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            var input = KnownSymbols.Find(property, symbols.InputAttribute);
            var output = KnownSymbols.Find(property, symbols.OutputAttribute);
            if (isNamespace && input is null && output is null)
            {
                CheckRequiredWithInitializer(context, property);
                continue;
            }

            if (input is null && output is null)
            {
                continue;
            }

            var location = property.Locations.FirstOrDefault();
            if (!isProcess)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.PortOutsideProcess, location, property.Name, input is not null ? "Input" : "Output", type.Name));
                continue;
            }

            if (input is not null && output is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InputAndOutput, location, property.Name));
                continue;
            }

            if (SupportRules.UnsupportedPortMemberReason(property) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedPortMember, location, property.Name, reason));
                continue;
            }

            if (input is not null)
            {
                if (property.SetMethod is null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InputNotSettable, location, property.Name));
                }
                else if (!property.SetMethod.IsInitOnly && SetAccessorLocation(property, context.CancellationToken) is { } setter)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SettableInput, setter, property.Name));
                }

                CheckRequiredWithInitializer(context, property);
                CheckName(context, type, property, input, "input", inputNames);
            }
            else if (output is not null)
            {
                if (property.SetMethod is null || property.SetMethod.IsInitOnly)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OutputWithoutSetter, location, property.Name));
                }

                CheckName(context, type, property, output, "output", outputNames);
            }
        }
    }

    private static void CheckName(
        SymbolAnalysisContext context,
        INamedTypeSymbol type,
        IPropertySymbol property,
        AttributeData attribute,
        string direction,
        Dictionary<string, IPropertySymbol> seen)
    {
        var explicitName = ExplicitName(attribute);
        var name = explicitName ?? PortNames.ToSnakeCase(property.Name);
        var location = (explicitName is not null ? NameArgumentLocation(attribute, context.CancellationToken) : null)
            ?? property.Locations.FirstOrDefault();
        if (!PortNames.IsValid(name))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidPortName, location, name));
            return;
        }

        if (seen.TryGetValue(name, out var first))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicatePortName, location, direction, name, type.Name, first.Name));
            return;
        }

        seen.Add(name, property);
    }

    private static void CheckRequiredWithInitializer(SymbolAnalysisContext context, IPropertySymbol property)
    {
        if (!property.IsRequired)
        {
            return;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is PropertyDeclarationSyntax { Initializer: { } initializer })
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RequiredWithInitializer, initializer.GetLocation(), property.Name));
            }
        }
    }

    private static Location? SetAccessorLocation(IPropertySymbol property, CancellationToken cancellationToken)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { AccessorList: { } accessors })
            {
                return accessors.Accessors.FirstOrDefault(accessor => accessor.Keyword.ValueText == "set")?.Keyword.GetLocation();
            }
        }

        return null;
    }

    private static string? ExplicitName(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Name" && argument.Value.Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    private static Location? NameArgumentLocation(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
        {
            return null;
        }

        return arguments.Arguments
            .FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == "Name")?
            .Expression.GetLocation();
    }
}
