using System.Collections.Generic;
using System.Linq;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        private const string Marker = "default(global::Processes.Generated.GeneratedConstructorMarker)";
        private const string ErrorCollector = "global::Processes.Ports.PortErrorCollector";

        /// <summary>
        /// Emits, into the current class, one static method per compiled check of each port (the single
        /// source of both the typed validation and the spec's <c>ValuePort&lt;T&gt;.Validators</c>) and the
        /// static fields they use.
        /// </summary>
        private static void EmitCheckMethods(IndentedWriter code, EquatableArray<PortModel> ports)
        {
            foreach (var port in ports)
            {
                for (var i = 0; i < port.Checks.Count; i++)
                {
                    var check = port.Checks[i];
                    var expression = check.Expression.Replace("{field}", CheckField(port, i));
                    if (check.FieldType is not null)
                    {
                        code.Line($"private static readonly {check.FieldType} {CheckField(port, i)} = {check.FieldInitializer};");
                        code.Line();
                    }

                    var leaf = port.LeafShape;
                    code.Line(leaf.CanBeNull
                        ? $"private static string? {CheckMethod(port, i)}({leaf.TypeName} value) => value is {{ }} x ? {expression} : null;"
                        : $"private static string? {CheckMethod(port, i)}({leaf.TypeName} x) => {expression};");
                    code.Line();
                }
            }
        }

        private static string CheckMethod(PortModel port, int index) => "Check" + port.MemberName + Int(index);

        private static string CheckField(PortModel port, int index) => port.MemberName + "Check" + Int(index) + "Data";

        /// <summary>
        /// An expression creating the spec of one port: one factory call whose trailing default
        /// arguments are left out. <paramref name="defaults"/> is an expression creating an instance
        /// that holds the member defaults.
        /// </summary>
        private static string PortSpec(PortModel port, string defaults)
        {
            var help = port.Help is null ? "null" : Literals.String(port.Help);
            var defaultFactory = port.HasDefault ? $"static () => {defaults}.{port.MemberName}" : "null";
            var defaultJson = port.DefaultJson is null ? "null" : Literals.String(port.DefaultJson);
            var required = port.Required ? "true" : "false";
            switch (port.Kind)
            {
                case PortKind.Namespace:
                    return $"global::Processes.Generated.PortNamespaces.CreateSpec<{port.Shape.NonNullableTypeName}>({Literals.String(port.PortName)}, {help}, {required}, {defaultFactory})";
                case PortKind.Dynamic:
                {
                    var entries = ValuePortSpec(port, "*", null, !port.LeafShape.CanBeNull, "null", "null");
                    var arguments = TrimDefaults(new List<string> { Literals.String(port.PortName), Literals.String(port.Shape.DisplayName), required, help, entries, defaultFactory, defaultJson }, 5);
                    return HasNamespaceValues(port)
                        ? $"global::Processes.Generated.GeneratedPorts.DynamicOfNamespaces<{port.LeafShape.NonNullableTypeName}>({string.Join(", ", arguments)})"
                        : $"global::Processes.Generated.GeneratedPorts.Dynamic({string.Join(", ", arguments)})";
                }

                default:
                    return ValuePortSpec(port, port.PortName, port.Help, port.Required, defaultFactory, defaultJson);
            }
        }

        private static string ValuePortSpec(PortModel port, string name, string? help, bool required, string defaultFactory, string defaultJson)
        {
            var leaf = port.LeafShape;
            var arguments = new List<string>
            {
                Literals.String(name),
                Literals.String(leaf.DisplayName),
                required ? "true" : "false",
                leaf.CanBeNull && leaf.IsNullableAnnotated ? "true" : "false",
                help is null ? "null" : Literals.String(help),
                port.Schema.JsonType is null ? "null" : Literals.String(port.Schema.JsonType),
                SchemaConstraints(port.Schema) ?? "null",
                defaultFactory,
                defaultJson,
            };
            arguments.AddRange(Enumerable.Range(0, port.Checks.Count).Select(i => CheckMethod(port, i)));
            return $"global::Processes.Generated.GeneratedPorts.Value<{leaf.TypeName}>({string.Join(", ", TrimDefaults(arguments, 6))})";
        }

        /// <summary>Drops trailing <c>null</c> arguments after the first <paramref name="required"/> ones (optional parameters).</summary>
        private static List<string> TrimDefaults(List<string> arguments, int required)
        {
            while (arguments.Count > required && arguments[arguments.Count - 1] == "null")
            {
                arguments.RemoveAt(arguments.Count - 1);
            }

            return arguments;
        }

        /// <summary>The JSON schema constraints other than the type, as an object creation; null when there are none.</summary>
        private static string? SchemaConstraints(SchemaModel schema)
        {
            var properties = new List<string>();
            Add("Format", schema.Format is null ? null : Literals.String(schema.Format));
            Add("Minimum", schema.Minimum);
            Add("Maximum", schema.Maximum);
            Add("MinimumIsExclusive", schema.MinimumIsExclusive ? "true" : null);
            Add("MaximumIsExclusive", schema.MaximumIsExclusive ? "true" : null);
            Add("MinLength", schema.MinLength is { } minLength ? Int(minLength) : null);
            Add("MaxLength", schema.MaxLength is { } maxLength ? Int(maxLength) : null);
            Add("Pattern", schema.Pattern is null ? null : Literals.String(schema.Pattern));
            Add("AllowedValuesJson", schema.HasAllowed ? JsonList(schema.AllowedJson) : null);
            Add("DeniedValuesJson", schema.HasDenied ? JsonList(schema.DeniedJson) : null);
            return properties.Count == 0 ? null : $"new global::Processes.Ports.PortSchemaConstraints {{ {string.Join(", ", properties)} }}";

            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    properties.Add(name + " = " + value);
                }
            }

            static string JsonList(EquatableArray<string> values) =>
                "new string[] { " + string.Join(", ", values.Select(Literals.String)) + " }";
        }

        /// <summary>
        /// Emits the typed validation of <paramref name="ports"/> on <paramref name="owner"/> (an expression),
        /// one line per check, then the namespace validators when the ports produced no error. With a
        /// constant <paramref name="rootPath"/> every path is a literal; otherwise
        /// <paramref name="pathVariable"/> is joined only when an error is added.
        /// </summary>
        private static void EmitValidation(IndentedWriter code, EquatableArray<PortModel> ports, string owner, string? rootPath, string? pathVariable, EquatableArray<string> validators, string validatorOwnerType)
        {
            var errorsBefore = validators.IsEmpty ? null : code.Local("errorsBefore");
            if (errorsBefore is not null)
            {
                code.Line($"var {errorsBefore} = errors.Count;");
            }

            foreach (var port in ports)
            {
                // The path as the arguments of the collector's helpers: a literal, or the variable and the name to join.
                var pathArguments = rootPath is not null
                    ? Literals.String(rootPath + "." + port.PortName)
                    : $"{pathVariable}, {Literals.String(port.PortName)}";
                var path = rootPath is not null
                    ? pathArguments
                    : $"{ErrorCollector}.Join({pathVariable}, {Literals.String(port.PortName)})";
                var member = $"{owner}.{port.MemberName}";
                switch (port.Kind)
                {
                    case PortKind.Namespace:
                    {
                        var validate = $"global::Processes.Generated.PortNamespaces.Validate<{port.Shape.NonNullableTypeName}>";
                        if (!port.Shape.CanBeNull)
                        {
                            code.Line($"{validate}({member}, {path}, errors);");
                            break;
                        }

                        var value = code.Local("value");
                        code.Line($"if ({member} is {{ }} {value}) {validate}({value}, {path}, errors);"
                            + (port.Required ? $" else errors.Add({path}, global::Processes.Ports.PortError.MissingRequired);" : string.Empty));
                        break;
                    }

                    case PortKind.Dynamic:
                    {
                        var leaf = port.LeafShape;
                        var requireEntries = leaf.CanBeNull && !leaf.IsNullableAnnotated;
                        var namespaceValues = HasNamespaceValues(port);
                        if (port.Checks.Count == 0 && !requireEntries && !namespaceValues)
                        {
                            EmitRequired(code, port, pathArguments, member);
                            break;
                        }

                        var value = code.Local("value");
                        var entry = code.Local("entry");
                        var entryPath = $"{ErrorCollector}.Join({path}, {entry}.Key)";
                        code.Open($"if ({member} is {{ }} {value})");
                        code.Open($"foreach (var {entry} in {value})");
                        if (requireEntries)
                        {
                            code.Open($"if ({entry}.Value is null)");
                            code.Line($"errors.Add({entryPath}, global::Processes.Ports.PortError.MissingRequired);");
                            code.Line("continue;");
                            code.Close();
                        }

                        for (var i = 0; i < port.Checks.Count; i++)
                        {
                            var error = code.Local("error");
                            code.Line($"if ({CheckMethod(port, i)}({entry}.Value) is {{ }} {error}) errors.Add({entryPath}, {error});");
                        }

                        // Each value that is a port namespace is checked by its own generated rules, under its key.
                        if (namespaceValues)
                        {
                            var validate = $"global::Processes.Generated.PortNamespaces.Validate<{leaf.NonNullableTypeName}>";
                            if (leaf.CanBeNull)
                            {
                                var inner = code.Local("inner");
                                code.Line($"if ({entry}.Value is {{ }} {inner}) {validate}({inner}, {entryPath}, errors);");
                            }
                            else
                            {
                                code.Line($"{validate}({entry}.Value, {entryPath}, errors);");
                            }
                        }

                        code.Close();
                        code.Close();
                        if (port.Required)
                        {
                            code.Line($"else errors.Add({path}, global::Processes.Ports.PortError.MissingRequired);");
                        }

                        break;
                    }

                    default:
                        EmitRequired(code, port, pathArguments, member);

                        // A check of a nullable type passes null (its method returns null for it), so no null test is needed here.
                        for (var i = 0; i < port.Checks.Count; i++)
                        {
                            code.Line($"errors.AddIfNotNull({pathArguments}, {CheckMethod(port, i)}({member}));");
                        }

                        break;
                }
            }

            if (errorsBefore is not null)
            {
                var namespacePath = rootPath is not null ? Literals.String(rootPath) : pathVariable!;
                code.Open($"if (errors.Count == {errorsBefore})");
                foreach (var validator in validators)
                {
                    code.Line($"errors.AddIfNotNull({namespacePath}, {validatorOwnerType}.{validator}({owner}));");
                }

                code.Close();
            }
        }

        /// <summary>True for a dynamic namespace whose values are port namespaces (<c>Dictionary&lt;string, Inner&gt;</c>).</summary>
        private static bool HasNamespaceValues(PortModel port) =>
            port.Kind == PortKind.Dynamic && port.LeafShape is { Kind: ShapeKind.Data, IsNamespace: true };

        /// <summary>True when <see cref="EmitValidation"/> emits anything for <paramref name="port"/>.</summary>
        private static bool NeedsValidation(PortModel port) => port.Kind switch
        {
            PortKind.Namespace => true,
            PortKind.Dynamic => port.Checks.Count > 0 || HasNamespaceValues(port) || (port.LeafShape.CanBeNull && !port.LeafShape.IsNullableAnnotated) || (port.Required && port.Shape.CanBeNull),
            _ => port.Checks.Count > 0 || (port.Required && port.Shape.CanBeNull),
        };

        private static void EmitRequired(IndentedWriter code, PortModel port, string pathArguments, string member)
        {
            if (port.Required && port.Shape.CanBeNull)
            {
                code.Line($"errors.AddIfMissing({pathArguments}, {member});");
            }
        }

        /// <summary>Emits a constructor body assigning the ports present in a dictionary named <c>values</c>, one line each.</summary>
        private static void EmitAssignFromValues(IndentedWriter code, EquatableArray<PortModel> ports)
        {
            foreach (var port in ports)
            {
                var raw = code.Local("raw");
                var cast = port.Shape.IsNullableAnnotated || port.Shape.Kind == ShapeKind.NullableValue
                    ? $"({port.Shape.TypeName}){raw}"
                    : $"({port.Shape.TypeName}){raw}!";
                var value = port.Kind switch
                {
                    PortKind.Namespace => $"{raw} is global::System.Collections.Generic.IReadOnlyDictionary<string, object?> dictionary{raw} ? global::Processes.Generated.PortNamespaces.Bind<{port.Shape.NonNullableTypeName}>(dictionary{raw}) : {cast}",
                    PortKind.Dynamic when HasNamespaceValues(port) => $"{raw} is global::System.Collections.Generic.IReadOnlyDictionary<string, object?> dictionary{raw} ? global::Processes.Generated.PortNamespaces.ToNamespaceDictionary<{port.LeafShape.NonNullableTypeName}, {port.LeafShape.TypeName}>(dictionary{raw}) : {cast}",
                    PortKind.Dynamic => $"{raw} is global::System.Collections.Generic.IReadOnlyDictionary<string, object?> dictionary{raw} ? global::Processes.Generated.PortNamespaces.ToDictionary<{port.LeafShape.TypeName}>(dictionary{raw}) : {cast}",
                    _ => cast,
                };
                code.Line($"if (values.TryGetValue({Literals.String(port.PortName)}, out var {raw})) this.{port.MemberName} = {value};");
            }
        }

        /// <summary>
        /// Emits the method <paramref name="signature"/> returning the port values of
        /// <paramref name="owner"/> in port order: a collection initializer up to the first optional
        /// value left out when null (with <paramref name="skipNullOptional"/>), one statement per port
        /// after it. Without such a value the method is expression-bodied.
        /// </summary>
        private static void EmitGetValues(IndentedWriter code, string signature, EquatableArray<PortModel> ports, string owner, bool skipNullOptional)
        {
            bool Conditional(PortModel port) => skipNullOptional && port.Shape.CanBeNull && !port.Required;
            var leading = ports.TakeWhile(port => !Conditional(port)).ToList();
            var rest = ports.Skip(leading.Count).ToList();
            var create = $"new global::System.Collections.Generic.Dictionary<string, object?>({Int(ports.Count)}, global::System.StringComparer.Ordinal)";
            if (rest.Count == 0)
            {
                code.Line($"{signature} => {create}" + (leading.Count == 0 ? ";" : " {"));
            }
            else
            {
                code.Open(signature);
                code.Line($"var values = {create}" + (leading.Count == 0 ? ";" : " {"));
            }

            if (leading.Count > 0)
            {
                code.Continuation(leading.Select(port => $"{{ {Literals.String(port.PortName)}, {owner}.{port.MemberName} }}").ToList(), string.Empty);
                code.Line("};");
            }

            if (rest.Count == 0)
            {
                return;
            }

            foreach (var port in rest)
            {
                if (Conditional(port))
                {
                    var value = code.Local("value");
                    code.Line($"if ({owner}.{port.MemberName} is {{ }} {value}) values.Add({Literals.String(port.PortName)}, {value});");
                }
                else
                {
                    code.Line($"values.Add({Literals.String(port.PortName)}, {owner}.{port.MemberName});");
                }
            }

            code.Line("return values;");
            code.Close();
        }
    }
}
