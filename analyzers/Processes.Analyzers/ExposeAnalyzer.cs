using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks <c>[ExposeInputs]</c> and <c>[ExposeOutputs]</c> on processes and tasks: the exposed type is
/// a process or task, Include and Exclude are not both set and name existing ports exactly, the
/// namespace is a valid port name, exposed names do not clash, and exposures do not form a cycle.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExposeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.IncludeAndExclude,
        DiagnosticDescriptors.UnknownExposedPort,
        DiagnosticDescriptors.ExposedNameClash,
        DiagnosticDescriptors.ExposedTypeNotProcess,
        DiagnosticDescriptors.ExposeCycle,
        DiagnosticDescriptors.InvalidPortName);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.ExposeInputsAttribute is null || symbols.ExposeOutputsAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!symbols.IsProcessOrTask(type) || !Exposures(type, symbols).Any())
        {
            return;
        }

        // What the parent already has: its declared ports by direction, and every declared port member.
        var taken = new Dictionary<string, string>[] { new(), new() };
        var members = new Dictionary<string, string>();
        // The user's own members, as the generator sees them: a generated helper named like one
        // of them is left out. The generator's own output is in this compilation and is skipped.
        foreach (var member in type.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && member.CanBeReferencedByName && IsWrittenByUser(member))
            {
                members[member.Name] = $"the member '{member.Name}' of '{type.Name}'";
            }
        }

        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            foreach (var (attribute, direction) in new[] { (symbols.InputAttribute, 0), (symbols.OutputAttribute, 1) })
            {
                if (KnownSymbols.Find(property, attribute) is { } data)
                {
                    var portName = ExplicitName(data) ?? PortNames.ToSnakeCase(property.Name);
                    var kind = direction == 0 ? "input" : "output";
                    taken[direction][portName] = $"the declared {kind} '{portName}' ('{property.Name}')";
                    members[property.Name] = $"the member '{property.Name}' of '{type.Name}'";
                }
            }
        }

        foreach (var (attribute, isInputs) in Exposures(type, symbols))
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax syntax)
            {
                continue;
            }

            var child = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
            if (child is null)
            {
                continue;
            }

            if (!symbols.IsProcessOrTask(child))
            {
                var typeArgument = syntax.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals is null)?.Expression;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExposedTypeNotProcess, (typeArgument ?? (SyntaxNode)syntax).GetLocation(), child.Name));
                continue;
            }

            if (FindCycle(type, child, symbols) is { } cycle)
            {
                var path = string.Join(" → ", new[] { type }.Concat(cycle).Select(symbol => symbol.Name));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExposeCycle, syntax.GetLocation(), type.Name, path));
                continue;
            }

            var namespaceName = NamedString(attribute, "Namespace");
            if (namespaceName is not null && !PortNames.IsValid(namespaceName))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidPortName, ArgumentLocation(syntax, "Namespace") ?? syntax.GetLocation(), namespaceName));
                continue;
            }

            var include = NamedStrings(attribute, "Include");
            var exclude = NamedStrings(attribute, "Exclude");
            if (include is not null && exclude is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.IncludeAndExclude, syntax.GetLocation(), child.Name));
                continue;
            }

            var direction = isInputs ? "input" : "output";
            var childPorts = PortsOf(child, isInputs, symbols, new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default));
            var known = new HashSet<string>(childPorts.Select(port => port.Port), System.StringComparer.Ordinal);
            var listed = include ?? exclude;
            var unknown = false;
            if (listed is not null)
            {
                var elements = ListElements(syntax, include is not null ? "Include" : "Exclude");
                for (var index = 0; index < listed.Count; index++)
                {
                    if (!known.Contains(listed[index]))
                    {
                        var location = index < elements.Count ? elements[index].GetLocation() : syntax.GetLocation();
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownExposedPort, location, listed[index], direction, child.Name));
                        unknown = true;
                    }
                }
            }

            if (unknown)
            {
                continue;
            }

            var added = namespaceName is null
                ? childPorts.Where(port => include?.Contains(port.Port) ?? exclude?.Contains(port.Port) != true).ToList()
                : new List<(string Port, string Member)> { (namespaceName, ToPascalCase(namespaceName) + (isInputs ? "Inputs" : "Outputs")) };
            // The method the generator adds for the exposure: Create{Key}(…) or Set{Key}Outputs(…),
            // Key the child's name or the namespace in PascalCase. Two exposures with one key (the
            // same child twice, or a namespace named like the child) would add it twice.
            var key = namespaceName is null ? child.Name : ToPascalCase(namespaceName);
            var helper = isInputs ? "Create" + key : "Set" + key + "Outputs";
            if (members.TryGetValue(helper, out var helperClash))
            {
                var named = namespaceName ?? (added.Count > 0 ? added[0].Port : child.Name);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExposedNameClash, syntax.GetLocation(), direction, named, child.Name, helperClash));
                continue;
            }

            members[helper] = $"the method '{helper}' generated for the exposure of '{child.Name}'";
            var portsTaken = taken[isInputs ? 0 : 1];
            foreach (var (port, member) in added)
            {
                var clash = portsTaken.TryGetValue(port, out var portClash) ? portClash
                    : members.TryGetValue(member, out var memberClash) ? memberClash
                    : null;
                if (clash is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExposedNameClash, syntax.GetLocation(), direction, port, child.Name, clash));
                    continue;
                }

                portsTaken[port] = $"the {direction} '{port}' exposed from '{child.Name}'";
                members[member] = $"the member '{member}' exposed from '{child.Name}'";
            }
        }
    }

    private static bool IsWrittenByUser(ISymbol member)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (!reference.SyntaxTree.FilePath.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<(AttributeData Attribute, bool IsInputs)> Exposures(INamedTypeSymbol type, KnownSymbols symbols)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.ExposeInputsAttribute))
            {
                yield return (attribute, true);
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.ExposeOutputsAttribute))
            {
                yield return (attribute, false);
            }
        }
    }

    /// <summary>The path from <paramref name="child"/> back to <paramref name="start"/> along exposures, or null.</summary>
    private static List<INamedTypeSymbol>? FindCycle(INamedTypeSymbol start, INamedTypeSymbol child, KnownSymbols symbols)
    {
        var visited = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var path = new List<INamedTypeSymbol>();
        return Visit(child) ? path : null;

        bool Visit(INamedTypeSymbol current)
        {
            path.Add(current);
            if (SymbolEqualityComparer.Default.Equals(current, start))
            {
                return true;
            }

            if (visited.Add(current))
            {
                foreach (var (attribute, _) in Exposures(current, symbols))
                {
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is INamedTypeSymbol next && Visit(next))
                    {
                        return true;
                    }
                }
            }

            path.RemoveAt(path.Count - 1);
            return false;
        }
    }

    /// <summary>The port names (and C# members) of a process's inputs or outputs: declared, then exposed, as the generator makes them.</summary>
    private static List<(string Port, string Member)> PortsOf(INamedTypeSymbol process, bool isInputs, KnownSymbols symbols, HashSet<INamedTypeSymbol> visiting)
    {
        var ports = new List<(string Port, string Member)>();
        if (!visiting.Add(process))
        {
            return ports;
        }

        foreach (var property in process.GetMembers().OfType<IPropertySymbol>())
        {
            if (KnownSymbols.Find(property, isInputs ? symbols.InputAttribute : symbols.OutputAttribute) is { } data)
            {
                ports.Add((ExplicitName(data) ?? PortNames.ToSnakeCase(property.Name), property.Name));
            }
        }

        foreach (var (attribute, nestedIsInputs) in Exposures(process, symbols))
        {
            if (nestedIsInputs != isInputs || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol child)
            {
                continue;
            }

            if (NamedString(attribute, "Namespace") is { } namespaceName)
            {
                ports.Add((namespaceName, ToPascalCase(namespaceName) + (isInputs ? "Inputs" : "Outputs")));
                continue;
            }

            var include = NamedStrings(attribute, "Include");
            var exclude = NamedStrings(attribute, "Exclude");
            ports.AddRange(PortsOf(child, isInputs, symbols, visiting).Where(port => include?.Contains(port.Port) ?? exclude?.Contains(port.Port) != true));
        }

        visiting.Remove(process);
        return ports;
    }

    private static string? ExplicitName(AttributeData attribute) => NamedString(attribute, "Name");

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is string value)
            {
                return value;
            }
        }

        return null;
    }

    private static List<string>? NamedStrings(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
            {
                return argument.Value.Values.Select(value => value.Value as string ?? string.Empty).ToList();
            }
        }

        return null;
    }

    private static Location? ArgumentLocation(AttributeSyntax syntax, string name) =>
        syntax.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == name)?.Expression.GetLocation();

    /// <summary>The element expressions of an array argument (<c>new[] { … }</c>, <c>new string[] { … }</c> or <c>[…]</c>).</summary>
    private static IReadOnlyList<ExpressionSyntax> ListElements(AttributeSyntax syntax, string name)
    {
        var expression = syntax.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == name)?.Expression;
        return expression switch
        {
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
            CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(element => element.Expression).ToList(),
            _ => new List<ExpressionSyntax>(),
        };
    }

    /// <summary><c>relax_options</c> → <c>RelaxOptions</c>, as the generator names exposed namespace members.</summary>
    private static string ToPascalCase(string name)
    {
        var text = new StringBuilder(name.Length);
        var upper = true;
        foreach (var character in name)
        {
            if (character == '_')
            {
                upper = true;
                continue;
            }

            text.Append(upper ? char.ToUpperInvariant(character) : character);
            upper = false;
        }

        return text.Length == 0 || char.IsDigit(text[0]) ? "Port" + text : text.ToString();
    }
}
