using System.Linq;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        private const string ExposedPorts = "global::Processes.Generated.ExposedPorts";

        /// <summary>
        /// Emits, into a process class, what its <c>[ExposeInputs]</c>/<c>[ExposeOutputs]</c> add: the
        /// exposed properties (or a namespace property and its nested record), and the helper that builds
        /// the child from the exposed inputs or copies a finished child's outputs. The ports themselves are
        /// already in the model's inputs and outputs, so the descriptor treats them like declared ones.
        /// </summary>
        private static void EmitExposures(IndentedWriter code, ProcessModel model)
        {
            foreach (var exposure in model.Exposures)
            {
                code.Line();
                if (exposure.Namespace is null)
                {
                    foreach (var port in exposure.Ports)
                    {
                        EmitExposedProperty(code, exposure, port, exposure.IsInputs ? "init" : "private set");
                        code.Line();
                    }
                }
                else
                {
                    EmitNamespaceProperty(code, model.Type, exposure);
                    code.Line();
                    EmitNamespaceRecord(code, exposure);
                    code.Line();
                }

                if (exposure.IsInputs)
                {
                    EmitCreateChild(code, model.Type, exposure);
                }
                else
                {
                    EmitSetOutputs(code, model.Type, exposure);
                }
            }
        }

        /// <summary>The nested record of an exposure in a namespace, as a <c>[PortNamespace]</c> model for <see cref="EmitData"/>.</summary>
        public static DataModel ExposedNamespace(TypeModel owner, ExposeModel exposure)
        {
            var name = exposure.RecordName!;
            var type = new TypeModel(
                owner.Namespace,
                name,
                "record",
                owner.FullName + "." + name,
                owner.MetadataName + "+" + name,
                owner.HintName + "." + name,
                owner.ContainingTypes.Concat(new[] { $"partial {owner.Keyword} {owner.Name}" }).ToEquatableArray(),
                false,
                false,
                null);
            return new DataModel(
                type,
                true,
                exposure.Ports.Select(port => new MemberModel(port.Port.MemberName, port.Port.Shape)).ToEquatableArray(),
                exposure.Ports.Select(port => port.Port).ToEquatableArray(),
                EquatableArray<string>.Empty);
        }

        private static void EmitExposedProperty(IndentedWriter code, ExposeModel exposure, ExposedPortModel exposed, string setter)
        {
            var port = exposed.Port;
            var direction = exposure.IsInputs ? "input" : "output";
            Summary(code, port.Help ?? $"The {direction} <c>{port.PortName}</c> of <see cref=\"{exposure.ChildTypeName}\"/>, exposed.", escape: port.Help is not null);
            code.Line(GeneratedCode);
            var required = exposed.IsRequiredMember && exposure.IsInputs ? "required " : string.Empty;
            var declaration = $"public {required}{port.Shape.TypeName} {port.MemberName} {{ get; {setter}; }}";
            if (exposure.IsInputs && port.HasDefault)
            {
                var spec = $"global::Processes.Generated.GeneratedDescriptors.Of<{exposure.ChildTypeName}>().Inputs";
                declaration += $" = {ExposedPorts}.Default<{port.Shape.TypeName}>({spec}, {Literals.String(port.PortName)});";
            }
            else if (exposure.IsInputs ? required.Length == 0 && port.Shape.IsReferenceType && !port.Shape.IsNullableAnnotated : port.Shape.IsReferenceType && !port.Shape.IsNullableAnnotated)
            {
                // A required output that is never set stays null and is reported as missing.
                declaration += " = null!;";
            }

            code.Line(declaration);
        }

        private static void EmitNamespaceProperty(IndentedWriter code, TypeModel owner, ExposeModel exposure)
        {
            var direction = exposure.IsInputs ? "inputs" : "outputs";
            Summary(code, $"The {direction} of <see cref=\"{exposure.ChildTypeName}\"/> exposed in the namespace <c>{exposure.Namespace}</c>.", escape: false);
            code.Line(GeneratedCode);
            var record = owner.FullName + "." + exposure.RecordName;
            if (exposure.IsInputs)
            {
                code.Line(exposure.NamespaceRequired
                    ? $"public required {record} {exposure.MemberName} {{ get; init; }}"
                    : $"public {record} {exposure.MemberName} {{ get; init; }} = new {record}();");
            }
            else
            {
                code.Line(exposure.NamespaceRequired
                    ? $"public {record} {exposure.MemberName} {{ get; private set; }} = null!;"
                    : $"public {record}? {exposure.MemberName} {{ get; private set; }}");
            }
        }

        private static void EmitNamespaceRecord(IndentedWriter code, ExposeModel exposure)
        {
            var direction = exposure.IsInputs ? "inputs" : "outputs";
            Summary(code, $"The {direction} of <see cref=\"{exposure.ChildTypeName}\"/> exposed in the namespace <c>{exposure.Namespace}</c>: a generated port namespace.", escape: false);
            code.Line(GeneratedCode);
            code.Open($"public sealed partial record {exposure.RecordName}");
            var first = true;
            foreach (var port in exposure.Ports)
            {
                if (!first)
                {
                    code.Line();
                }

                first = false;
                EmitExposedProperty(code, exposure, port, "init");
            }

            code.Close();
        }

        private static void EmitCreateChild(IndentedWriter code, TypeModel owner, ExposeModel exposure)
        {
            var child = exposure.ChildTypeName;
            code.Line($"/// <summary>Creates a <see cref=\"{child}\"/> with the inputs exposed {(exposure.Namespace is null ? "by this process" : $"in <c>{exposure.Namespace}</c>")}; its other inputs keep their defaults.</summary>");
            foreach (var parameter in exposure.Parameters)
            {
                code.Line($"/// <param name=\"{parameter.ParameterName.TrimStart('@')}\">The required input <c>{parameter.MemberName}</c> of the child, which is not exposed.</param>");
            }

            code.Line("/// <returns>A new child, ready to launch.</returns>");
            code.Line(GeneratedCode);
            var parameters = string.Join(", ", exposure.Parameters.Select(parameter => $"{parameter.TypeName} {parameter.ParameterName}"));
            code.Open($"{exposure.MethodAccessibility} {child} {exposure.MethodName}({parameters})");
            var source = "this";
            if (exposure.Namespace is not null)
            {
                var record = owner.FullName + "." + exposure.RecordName;
                code.Line(exposure.NamespaceRequired
                    ? $"var exposedInputs = this.{exposure.MemberName};"
                    : $"var exposedInputs = this.{exposure.MemberName} ?? new {record}();");
                source = "exposedInputs";
            }

            code.Line($"return new {child}");
            code.Open();
            foreach (var port in exposure.Ports)
            {
                code.Line($"{port.Port.MemberName} = {source}.{port.Port.MemberName},");
            }

            foreach (var parameter in exposure.Parameters)
            {
                code.Line($"{parameter.MemberName} = {parameter.ParameterName},");
            }

            code.Close(";");
            code.Close();
        }

        private static void EmitSetOutputs(IndentedWriter code, TypeModel owner, ExposeModel exposure)
        {
            var child = exposure.ChildTypeName;
            var target = exposure.Namespace is null ? "this process's outputs" : $"the namespace <c>{exposure.Namespace}</c>";
            code.Line($"/// <summary>Copies the exposed outputs of a finished <see cref=\"{child}\"/> into {target}.</summary>");
            code.Line("/// <param name=\"finished\">The finished child, e.g. from <c>context.Child&lt;T&gt;(key)</c>.</param>");
            code.Line(GeneratedCode);
            code.Open($"{exposure.MethodAccessibility} void {exposure.MethodName}({child} finished)");
            code.Line("global::System.ArgumentNullException.ThrowIfNull(finished);");
            if (exposure.Namespace is null)
            {
                foreach (var port in exposure.Ports)
                {
                    code.Line($"this.{port.Port.MemberName} = finished.{port.Port.MemberName};");
                }
            }
            else
            {
                code.Line($"this.{exposure.MemberName} = new {owner.FullName}.{exposure.RecordName}");
                code.Open();
                foreach (var port in exposure.Ports)
                {
                    code.Line($"{port.Port.MemberName} = finished.{port.Port.MemberName},");
                }

                code.Close(";");
            }

            code.Close();
        }

        private static void Summary(IndentedWriter code, string text, bool escape)
        {
            var content = escape ? text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") : text;
            code.Line($"/// <summary>{content}</summary>");
        }
    }
}
