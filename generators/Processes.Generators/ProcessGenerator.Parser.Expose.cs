using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Processes.Generators.Models;
using Processes.Shared;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// Resolves <c>[ExposeInputs]</c> and <c>[ExposeOutputs]</c> against the child's symbol: its
        /// declared ports and, recursively, the ports it exposes itself. An exposure the analyzers reject
        /// (include with exclude, unknown names, a child that is not a process, a cycle, an invalid
        /// namespace name, a port the parent cannot reach) is left out, and so is a generated helper,
        /// namespace or port that would clash with another (PRC0025); the rest of the class is kept.
        /// </summary>
        internal static class Expose
        {
            internal const string ExposeInputsAttribute = "Processes.ExposeInputsAttribute";
            internal const string ExposeOutputsAttribute = "Processes.ExposeOutputsAttribute";
            private const string ProcessAttribute = "Processes.ProcessAttribute";
            private const string TaskAttribute = "Processes.TaskAttribute";

            /// <summary>Parses the exposures of <paramref name="type"/> and appends the ports they add to <paramref name="inputs"/> and <paramref name="outputs"/>.</summary>
            public static EquatableArray<ExposeModel> Parse(INamedTypeSymbol type, List<PortModel> inputs, List<PortModel> outputs, Compilation compilation, CancellationToken cancellationToken)
            {
                var exposures = new List<ExposeModel>();
                var visiting = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { type };
                var owner = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

                // Every name a generated member would take: the class's own members, then each exposure's.
                var members = new HashSet<string>(type.GetMembers().Select(member => member.Name), System.StringComparer.Ordinal);
                foreach (var attribute in type.GetAttributes())
                {
                    var isInputs = IsExpose(attribute, out var isExpose);
                    if (!isExpose)
                    {
                        continue;
                    }

                    // An exposure the analyzers reject (PRC0021 to PRC0025, PRC0031) is left out; the rest of the class is kept.
                    var exposure = Resolve(attribute, isInputs, type.IsSealed, compilation, visiting, cancellationToken);
                    if (exposure is null)
                    {
                        continue;
                    }

                    var target = isInputs ? inputs : outputs;
                    var taken = new HashSet<string>(target.Select(port => port.PortName), System.StringComparer.Ordinal);

                    // PRC0025: a helper, namespace or port that would clash with another port or member is not generated.
                    if (members.Contains(exposure.MethodName)
                        || (exposure.Namespace is not null && (taken.Contains(exposure.Namespace) || members.Contains(exposure.MemberName!) || members.Contains(exposure.RecordName!))))
                    {
                        continue;
                    }

                    if (exposure.Namespace is null)
                    {
                        exposure = WithoutClashingPorts(exposure, taken, members);
                        target.AddRange(exposure.Ports.Select(port => port.Port));
                        members.UnionWith(exposure.Ports.Select(port => port.Port.MemberName));
                    }
                    else
                    {
                        target.Add(NamespacePort(owner, exposure, help: null).Port);
                        members.Add(exposure.MemberName!);
                        members.Add(exposure.RecordName!);
                    }

                    members.Add(exposure.MethodName);
                    exposures.Add(exposure);
                }

                return exposures.ToEquatableArray();
            }

            /// <summary>
            /// Leaves out the exposed ports whose port name or property is taken (PRC0025 reports them);
            /// a required input of the child left out becomes a parameter of the Create helper instead.
            /// </summary>
            private static ExposeModel WithoutClashingPorts(ExposeModel exposure, HashSet<string> taken, HashSet<string> members)
            {
                var kept = new List<ExposedPortModel>();
                var parameters = exposure.Parameters.ToList();
                foreach (var port in exposure.Ports)
                {
                    if (!taken.Contains(port.Port.PortName) && !members.Contains(port.Port.MemberName))
                    {
                        kept.Add(port);
                        taken.Add(port.Port.PortName);
                    }
                    else if (exposure.IsInputs && port.IsRequiredMember)
                    {
                        parameters.Add(new ParameterModel(port.Port.MemberName, ParameterName(port.Port.MemberName), port.Port.Shape.TypeName));
                    }
                }

                return kept.Count == exposure.Ports.Count
                    ? exposure
                    : exposure with { Ports = kept.ToEquatableArray(), Parameters = parameters.ToEquatableArray() };
            }

            private static bool IsExpose(AttributeData attribute, out bool isExpose)
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                isExpose = name is ExposeInputsAttribute or ExposeOutputsAttribute;
                return name == ExposeInputsAttribute;
            }

            private static ExposeModel? Resolve(AttributeData attribute, bool isInputs, bool ownerIsSealed, Compilation compilation, HashSet<INamedTypeSymbol> visiting, CancellationToken cancellationToken)
            {
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol child)
                {
                    return null;
                }

                var namespaceName = NamedString(attribute, "Namespace");
                var include = NamedStrings(attribute, "Include");
                var exclude = NamedStrings(attribute, "Exclude");
                if ((include is not null && exclude is not null) || (namespaceName is not null && !PortNames.IsValid(namespaceName)))
                {
                    return null;
                }

                var childPorts = ChildPorts(child, isInputs, compilation, visiting, cancellationToken);
                if (childPorts is null)
                {
                    return null;
                }

                var names = new HashSet<string>(childPorts.Select(port => port.Port.PortName), System.StringComparer.Ordinal);
                if ((include ?? exclude ?? new List<string>()).Any(name => !names.Contains(name)))
                {
                    return null;
                }

                var childName = child.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                var exposed = new List<ExposedPortModel>();
                var parameters = new List<ParameterModel>();
                foreach (var port in childPorts)
                {
                    var selected = include?.Contains(port.Port.PortName) ?? exclude?.Contains(port.Port.PortName) != true;
                    if (selected)
                    {
                        exposed.Add(port with { Port = port.Port with { Checks = DelegatedChecks(port.Port, childName, isInputs) } });
                    }
                    else if (isInputs && port.IsRequiredMember)
                    {
                        parameters.Add(new ParameterModel(port.Port.MemberName, ParameterName(port.Port.MemberName), port.Port.Shape.TypeName));
                    }
                }

                var key = namespaceName is null ? child.Name : ToPascalCase(namespaceName);
                return new ExposeModel(
                    isInputs,
                    childName,
                    child.Name,
                    namespaceName,
                    namespaceName is null ? null : key + (isInputs ? "Inputs" : "Outputs"),
                    namespaceName is null ? null : key + (isInputs ? "ExposedInputs" : "ExposedOutputs"),
                    exposed.Any(port => port.Port.Required),
                    isInputs ? "Create" + key : "Set" + key + "Outputs",
                    ownerIsSealed ? "private" : "protected",
                    exposed.ToEquatableArray(),
                    parameters.ToEquatableArray());
            }

            /// <summary>Every input (or output) port of a process class: declared, then exposed, as the child's generated code has them.</summary>
            private static List<ExposedPortModel>? ChildPorts(INamedTypeSymbol child, bool isInputs, Compilation compilation, HashSet<INamedTypeSymbol> visiting, CancellationToken cancellationToken)
            {
                if (!HasAttribute(child, ProcessAttribute) && !HasAttribute(child, TaskAttribute))
                {
                    return null;
                }

                if (!visiting.Add(child))
                {
                    return null;
                }

                try
                {
                    var ports = new List<ExposedPortModel>();
                    foreach (var property in child.GetMembers().OfType<IPropertySymbol>())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var attribute = FindAttribute(property, isInputs ? InputAttribute : OutputAttribute);
                        if (attribute is null)
                        {
                            continue;
                        }

                        var accessor = isInputs ? property.SetMethod : property.GetMethod;
                        if (property.DeclaredAccessibility != Accessibility.Public || accessor?.DeclaredAccessibility != Accessibility.Public)
                        {
                            return null;
                        }

                        // Left out of the child's generated code too (see ParseProcess): not exposed either.
                        var port = ParsePort(property, attribute, isInputs, compilation, cancellationToken);
                        if (port is null || (isInputs && FindAttribute(property, OutputAttribute) is not null) || ports.Any(other => other.Port.PortName == port.PortName))
                        {
                            continue;
                        }

                        // From metadata the initializer is not visible: a non-required, non-nullable input has one
                        // (or it would be C# required); its value is read from the child's spec at run time anyway.
                        if (isInputs && property.DeclaringSyntaxReferences.IsEmpty && !property.IsRequired && !port.Shape.IsNullableAnnotated)
                        {
                            port = port with { HasDefault = true, Required = false };
                        }

                        var requiredMember = isInputs
                            ? property.IsRequired || (port.Required && !port.HasDefault && port.Shape.IsReferenceType)
                            : port.Required;
                        ports.Add(new ExposedPortModel(port, requiredMember));
                    }

                    var owner = child.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                    foreach (var attribute in child.GetAttributes())
                    {
                        var nestedIsInputs = IsExpose(attribute, out var isExpose);
                        if (!isExpose || nestedIsInputs != isInputs)
                        {
                            continue;
                        }

                        var nested = Resolve(attribute, isInputs, child.IsSealed, compilation, visiting, cancellationToken);
                        if (nested is null)
                        {
                            return null;
                        }

                        if (nested.Namespace is null)
                        {
                            ports.AddRange(nested.Ports);
                        }
                        else
                        {
                            ports.Add(NamespacePort(owner, nested, help: null));
                        }
                    }

                    return ports;
                }
                finally
                {
                    visiting.Remove(child);
                }
            }

            /// <summary>The namespace port an exposure in a namespace adds to <paramref name="owner"/>.</summary>
            private static ExposedPortModel NamespacePort(string owner, ExposeModel exposure, string? help)
            {
                var required = exposure.NamespaceRequired;
                var nullable = !exposure.IsInputs && !required;
                var typeName = owner + "." + exposure.RecordName + (nullable ? "?" : string.Empty);
                var shape = new ValueShape(
                    ShapeKind.Data, typeName, null, null, 0, 1, true, nullable, null, EquatableArray<ValueShape>.Empty, true, exposure.RecordName! + (nullable ? "?" : string.Empty), null);
                var schema = new SchemaModel("object", null, null, null, false, false, null, null, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, false, false);
                var port = new PortModel(
                    exposure.MemberName!,
                    exposure.Namespace!,
                    help,
                    shape,
                    PortKind.Namespace,
                    required,
                    exposure.IsInputs && !required,
                    null,
                    EquatableArray<CheckModel>.Empty,
                    schema);
                return new ExposedPortModel(port, required);
            }

            /// <summary>The checks of an exposed port: each calls the child's own validator, taken from the child's spec once.</summary>
            private static EquatableArray<CheckModel> DelegatedChecks(PortModel port, string child, bool isInputs)
            {
                if (port.Checks.IsEmpty)
                {
                    return port.Checks;
                }

                var leaf = port.LeafShape.TypeName;
                var spec = $"global::Processes.Generated.GeneratedDescriptors.Of<{child}>().{(isInputs ? "Inputs" : "Outputs")}";
                return Enumerable.Range(0, port.Checks.Count)
                    .Select(index => new CheckModel(
                        "{field}(x)",
                        $"global::System.Func<{leaf}, string?>",
                        $"global::Processes.Generated.ExposedPorts.Validator<{leaf}>({spec}, {Literals.String(port.PortName)}, {Literals.Int(index)})"))
                    .ToEquatableArray();
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

            /// <summary><c>relax_options</c> → <c>RelaxOptions</c>.</summary>
            internal static string ToPascalCase(string name)
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

            private static string ParameterName(string memberName)
            {
                var name = char.ToLowerInvariant(memberName[0]) + memberName.Substring(1);
                return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
            }
        }
    }
}
