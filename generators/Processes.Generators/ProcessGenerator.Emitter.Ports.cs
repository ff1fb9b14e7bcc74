using System.Collections.Generic;
using System.Linq;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        private const string Marker = "default(global::Processes.Generated.GeneratedConstructorMarker)";
        private const string PortChecks = "global::Processes.Ports.PortChecks";
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

        /// <summary>An expression creating the spec of one port; <paramref name="owner"/> is the type whose instance holds the default.</summary>
        private static string PortSpec(PortModel port, string owner)
        {
            var help = port.Help is null ? "null" : Literals.String(port.Help);
            var defaultFactory = port.HasDefault ? $"static () => new {owner}({Marker}).{port.MemberName}" : "null";
            var required = port.Required ? "true" : "false";
            switch (port.Kind)
            {
                case PortKind.Namespace:
                    return $"global::Processes.Ports.PortNamespaces.CreateSpec<{port.Shape.NonNullableTypeName}>({Literals.String(port.PortName)}, {help}, {required}, {defaultFactory})";
                case PortKind.Dynamic:
                {
                    var properties = new List<string>
                    {
                        "Help = " + help,
                        "Required = " + required,
                        "TypeName = " + Literals.String(port.Shape.DisplayName),
                    };
                    AddDefault(properties, port, defaultFactory);
                    properties.Add("IsDynamic = true");
                    properties.Add("DynamicValue = " + ValuePortSpec(port, "*", null, !port.LeafShape.CanBeNull, new List<string>()));
                    return $"new global::Processes.Ports.PortNamespace({Literals.String(port.PortName)}) {{ {string.Join(", ", properties)} }}";
                }

                default:
                {
                    var properties = new List<string>();
                    AddDefault(properties, port, defaultFactory);
                    return ValuePortSpec(port, port.PortName, port.Help, port.Required, properties);
                }
            }
        }

        private static void AddDefault(List<string> properties, PortModel port, string defaultFactory)
        {
            if (port.HasDefault)
            {
                properties.Add("DefaultFactory = " + defaultFactory);
            }

            if (port.DefaultJson is not null)
            {
                properties.Add("DefaultJson = " + Literals.String(port.DefaultJson));
            }
        }

        private static string ValuePortSpec(PortModel port, string name, string? help, bool required, List<string> extra)
        {
            var leaf = port.LeafShape;
            var properties = new List<string>();
            if (help is not null)
            {
                properties.Add("Help = " + Literals.String(help));
            }

            properties.Add("Required = " + (required ? "true" : "false"));
            properties.Add("TypeName = " + Literals.String(leaf.DisplayName));
            properties.AddRange(extra);
            properties.Add("AcceptsNull = " + (leaf.CanBeNull && leaf.IsNullableAnnotated ? "true" : "false"));
            if (port.Checks.Count > 0)
            {
                var methods = Enumerable.Range(0, port.Checks.Count).Select(i => CheckMethod(port, i));
                properties.Add($"Validators = new global::System.Func<{leaf.TypeName}, string?>[] {{ {string.Join(", ", methods)} }}");
            }

            if (Schema(port.Schema) is { } schema)
            {
                properties.Add("Schema = " + schema);
            }

            return $"new global::Processes.Ports.ValuePort<{leaf.TypeName}>({Literals.String(name)}) {{ {string.Join(", ", properties)} }}";
        }

        private static string? Schema(SchemaModel schema)
        {
            var properties = new List<string>();
            Add("JsonType", schema.JsonType is null ? null : Literals.String(schema.JsonType));
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
        /// then the namespace validators when the ports produced no error. With a constant
        /// <paramref name="rootPath"/> every path is a literal; otherwise <paramref name="pathVariable"/>
        /// is joined only when an error is added.
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
                var path = rootPath is not null
                    ? Literals.String(rootPath + "." + port.PortName)
                    : $"{ErrorCollector}.Join({pathVariable}, {Literals.String(port.PortName)})";
                var value = code.Local("value");
                var hasChecks = port.Kind switch
                {
                    PortKind.Namespace => true,
                    PortKind.Dynamic => port.Checks.Count > 0 || (port.LeafShape.CanBeNull && !port.LeafShape.IsNullableAnnotated),
                    _ => port.Checks.Count > 0,
                };
                if (!hasChecks && !(port.Required && port.Shape.CanBeNull))
                {
                    continue;
                }

                code.Line($"var {value} = {owner}.{port.MemberName};");
                if (port.Shape.CanBeNull)
                {
                    if (port.Required)
                    {
                        code.Open($"if ({value} is null)");
                        code.Line($"errors.Add({path}, {PortChecks}.MissingRequired);");
                        code.Close();
                        if (hasChecks)
                        {
                            code.Open("else");
                            EmitPortChecks(code, port, value, path);
                            code.Close();
                        }
                    }
                    else if (hasChecks)
                    {
                        code.Open($"if ({value} is not null)");
                        EmitPortChecks(code, port, value, path);
                        code.Close();
                    }
                }
                else
                {
                    EmitPortChecks(code, port, value, path);
                }
            }

            if (errorsBefore is not null)
            {
                var namespacePath = rootPath is not null ? Literals.String(rootPath) : pathVariable!;
                code.Open($"if (errors.Count == {errorsBefore})");
                foreach (var validator in validators)
                {
                    var error = code.Local("error");
                    code.Open($"if ({validatorOwnerType}.{validator}({owner}) is {{ }} {error})");
                    code.Line($"errors.Add({namespacePath}, {error});");
                    code.Close();
                }

                code.Close();
            }
        }

        private static void EmitPortChecks(IndentedWriter code, PortModel port, string value, string path)
        {
            switch (port.Kind)
            {
                case PortKind.Namespace:
                    code.Line($"global::Processes.Ports.PortNamespaces.Validate<{port.Shape.NonNullableTypeName}>({value}, {path}, errors);");
                    return;
                case PortKind.Dynamic:
                {
                    var leaf = port.LeafShape;
                    var entry = code.Local("entry");
                    code.Open($"foreach (var {entry} in {value})");
                    var entryPath = $"{ErrorCollector}.Join({path}, {entry}.Key)";
                    if (leaf.CanBeNull && !leaf.IsNullableAnnotated)
                    {
                        code.Open($"if ({entry}.Value is null)");
                        code.Line($"errors.Add({entryPath}, {PortChecks}.MissingRequired);");
                        code.Line("continue;");
                        code.Close();
                    }

                    EmitCheckCalls(code, port, entry + ".Value", entryPath);
                    code.Close();
                    return;
                }

                default:
                    EmitCheckCalls(code, port, value, path);
                    return;
            }
        }

        private static void EmitCheckCalls(IndentedWriter code, PortModel port, string value, string path)
        {
            for (var i = 0; i < port.Checks.Count; i++)
            {
                var error = code.Local("error");
                code.Open($"if ({CheckMethod(port, i)}({value}) is {{ }} {error})");
                code.Line($"errors.Add({path}, {error});");
                code.Close();
            }
        }

        /// <summary>Emits a constructor body assigning the ports present in a dictionary named <c>values</c>.</summary>
        private static void EmitAssignFromValues(IndentedWriter code, EquatableArray<PortModel> ports)
        {
            foreach (var port in ports)
            {
                var raw = code.Local("raw");
                code.Open($"if (values.TryGetValue({Literals.String(port.PortName)}, out var {raw}))");
                var cast = port.Shape.IsNullableAnnotated || port.Shape.Kind == ShapeKind.NullableValue
                    ? $"({port.Shape.TypeName}){raw}"
                    : $"({port.Shape.TypeName}){raw}!";
                switch (port.Kind)
                {
                    case PortKind.Namespace:
                        code.Line($"this.{port.MemberName} = {raw} is global::System.Collections.Generic.IReadOnlyDictionary<string, object?> dictionary{raw} ? global::Processes.Ports.PortNamespaces.Bind<{port.Shape.NonNullableTypeName}>(dictionary{raw}) : {cast};");
                        break;
                    case PortKind.Dynamic:
                        code.Line($"this.{port.MemberName} = {raw} is global::System.Collections.Generic.IReadOnlyDictionary<string, object?> dictionary{raw} ? global::Processes.Ports.PortNamespaces.ToDictionary<{port.LeafShape.TypeName}>(dictionary{raw}) : {cast};");
                        break;
                    default:
                        code.Line($"this.{port.MemberName} = {cast};");
                        break;
                }

                code.Close();
            }
        }

        /// <summary>Emits the body of a method returning the port values of <paramref name="owner"/>; optional null values are left out when <paramref name="skipNullOptional"/>.</summary>
        private static void EmitGetValues(IndentedWriter code, EquatableArray<PortModel> ports, string owner, bool skipNullOptional)
        {
            code.Line($"var values = new global::System.Collections.Generic.Dictionary<string, object?>({Int(ports.Count)}, global::System.StringComparer.Ordinal);");
            foreach (var port in ports)
            {
                if (skipNullOptional && port.Shape.CanBeNull && !port.Required)
                {
                    var value = code.Local("value");
                    code.Open($"if ({owner}.{port.MemberName} is {{ }} {value})");
                    code.Line($"values.Add({Literals.String(port.PortName)}, {value});");
                    code.Close();
                }
                else
                {
                    code.Line($"values.Add({Literals.String(port.PortName)}, {owner}.{port.MemberName});");
                }
            }

            code.Line("return values;");
        }
    }
}
