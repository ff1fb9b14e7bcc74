using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Processes.Generators.Models;
using Processes.Shared;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Parser
    {
        /// <summary>Compiles DataAnnotations attributes and custom validators of a port into check expressions over its non-null value <c>x</c>.</summary>
        internal static class Checks
        {
            private const string DataAnnotations = "System.ComponentModel.DataAnnotations.";
            private const string PortChecks = "global::Processes.Generated.PortChecks.";

            /// <summary>Returns the checks, or null when an attribute cannot be compiled (the port is then unsupported).</summary>
            public static EquatableArray<CheckModel>? Parse(Compilation compilation, IPropertySymbol property, ITypeSymbol leafType, ValueShape leaf, out SchemaModel schema, out bool required)
            {
                var checks = new List<CheckModel>();
                var isNullableValue = leaf.Kind is ShapeKind.NullableValue or ShapeKind.NullableData;
                var valueType = isNullableValue ? ((INamedTypeSymbol)leafType).TypeArguments[0] : leafType;
                var valueShape = isNullableValue ? leaf.Arguments[0] : leaf;
                var isString = valueType.SpecialType == SpecialType.System_String;
                var builder = new SchemaBuilder { JsonType = JsonType(valueShape), Format = Format(valueShape) };
                required = false;

                foreach (var attribute in property.GetAttributes())
                {
                    var attributeName = attribute.AttributeClass?.ToDisplayString() ?? string.Empty;
                    if (attributeName == "Processes.ValidatorAttribute")
                    {
                        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string method || method.Length == 0
                            || SupportRules.ValidatorProblem(compilation, property.ContainingType, method, property.Type) is not null)
                        {
                            schema = builder.Build();
                            return null;
                        }

                        checks.Add(new CheckModel(property.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method + "(x)", null, null));
                        continue;
                    }

                    if (!attributeName.StartsWith(DataAnnotations, System.StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var arguments = attribute.ConstructorArguments;
                    CheckModel? check;
                    switch (attributeName.Substring(DataAnnotations.Length))
                    {
                        case "RangeAttribute":
                            check = Range(attribute, valueType, valueShape, builder);
                            break;
                        case "MinLengthAttribute" when arguments.Length == 1 && arguments[0].Value is int minimum:
                            builder.MinLength = minimum;
                            check = new CheckModel(PortChecks + "MinLength(" + Length(valueType) + ", " + Literals.Int(minimum) + ")", null, null);
                            break;
                        case "MaxLengthAttribute" when arguments.Length == 0 || (arguments.Length == 1 && arguments[0].Value is -1):
                            continue;
                        case "MaxLengthAttribute" when arguments.Length == 1 && arguments[0].Value is int maximum:
                            builder.MaxLength = maximum;
                            check = new CheckModel(PortChecks + "MaxLength(" + Length(valueType) + ", " + Literals.Int(maximum) + ")", null, null);
                            break;
                        case "LengthAttribute" when arguments.Length == 2 && arguments[0].Value is int minimum && arguments[1].Value is int maximum:
                            builder.MinLength = minimum;
                            builder.MaxLength = maximum;
                            check = new CheckModel(PortChecks + "LengthBetween(" + Length(valueType) + ", " + Literals.Int(minimum) + ", " + Literals.Int(maximum) + ")", null, null);
                            break;
                        case "StringLengthAttribute" when arguments.Length == 1 && arguments[0].Value is int maximum && isString:
                            var minimumLength = NamedValue(attribute, "MinimumLength") is int named ? named : 0;
                            builder.MinLength = minimumLength > 0 ? minimumLength : null;
                            builder.MaxLength = maximum;
                            check = new CheckModel(PortChecks + "LengthBetween(x.Length, " + Literals.Int(minimumLength) + ", " + Literals.Int(maximum) + ")", null, null);
                            break;
                        case "RegularExpressionAttribute" when arguments.Length == 1 && arguments[0].Value is string pattern:
                            builder.Pattern = pattern;
                            var text = isString ? "x" : "global::System.Convert.ToString(x, global::System.Globalization.CultureInfo.InvariantCulture)";
                            check = new CheckModel(
                                PortChecks + "Matches(" + text + ", {field})",
                                "global::System.Text.RegularExpressions.Regex",
                                PortChecks + "CreatePattern(" + Literals.String(pattern) + ")");
                            break;
                        case "AllowedValuesAttribute":
                            check = Values(attribute, valueType, valueShape, "Allowed", out var allowed);
                            builder.Allowed = allowed;
                            break;
                        case "DeniedValuesAttribute":
                            check = Values(attribute, valueType, valueShape, "Denied", out var denied);
                            builder.Denied = denied;
                            break;
                        case "RequiredAttribute":
                            required = true;
                            if (!isString || NamedValue(attribute, "AllowEmptyStrings") is true)
                            {
                                continue;
                            }

                            check = new CheckModel(PortChecks + "NotEmpty(x)", null, null);
                            break;
                        case "EmailAddressAttribute" when isString:
                            builder.Format = "email";
                            check = new CheckModel(PortChecks + "EmailAddress(x)", null, null);
                            break;
                        case "UrlAttribute" when isString:
                            builder.Format = "uri";
                            check = new CheckModel(PortChecks + "Url(x)", null, null);
                            break;
                        case "Base64StringAttribute" when isString:
                            check = new CheckModel(PortChecks + "Base64String(x)", null, null);
                            break;
                        default:
                            // Another validation attribute would be silently ignored: treat the port as unsupported.
                            if (SupportRules.IsValidationAttribute(attribute.AttributeClass))
                            {
                                schema = builder.Build();
                                return null;
                            }

                            continue;
                    }

                    if (check is null)
                    {
                        schema = builder.Build();
                        return null;
                    }

                    checks.Add(check);
                }

                schema = builder.Build();
                return checks.ToEquatableArray();
            }

            private static CheckModel? Range(AttributeData attribute, ITypeSymbol valueType, ValueShape valueShape, SchemaBuilder builder)
            {
                var arguments = attribute.ConstructorArguments;
                var minimumExclusive = NamedValue(attribute, "MinimumIsExclusive") is true;
                var maximumExclusive = NamedValue(attribute, "MaximumIsExclusive") is true;
                var flags = (minimumExclusive ? ", minimumIsExclusive: true" : string.Empty) + (maximumExclusive ? ", maximumIsExclusive: true" : string.Empty);
                builder.MinimumIsExclusive = minimumExclusive;
                builder.MaximumIsExclusive = maximumExclusive;
                var primitive = valueShape.Kind == ShapeKind.Primitive ? valueShape.Primitive : null;

                if (arguments.Length == 2 && arguments[0].Value is int intMinimum && arguments[1].Value is int intMaximum)
                {
                    builder.Minimum = Literals.Int(intMinimum);
                    builder.Maximum = Literals.Int(intMaximum);
                    return primitive switch
                    {
                        "Int32" => Check("x", Literals.Int(intMinimum), Literals.Int(intMaximum)),
                        "Byte" or "SByte" or "Int16" or "UInt16" or "UInt32" or "Int64" => Check("(long)x", Literals.Int(intMinimum) + "L", Literals.Int(intMaximum) + "L"),
                        "UInt64" or "Decimal" => Check("(decimal)x", Literals.Int(intMinimum) + "m", Literals.Int(intMaximum) + "m"),
                        "Single" or "Double" => Check("(double)x", Literals.Int(intMinimum) + "d", Literals.Int(intMaximum) + "d"),
                        _ => null,
                    };
                }

                if (arguments.Length == 2 && arguments[0].Value is double doubleMinimum && arguments[1].Value is double doubleMaximum)
                {
                    builder.Minimum = Literals.Double(doubleMinimum);
                    builder.Maximum = Literals.Double(doubleMaximum);
                    return primitive switch
                    {
                        "Double" => Check("x", Literals.Double(doubleMinimum), Literals.Double(doubleMaximum)),
                        "Single" or "Byte" or "SByte" or "Int16" or "UInt16" or "Int32" or "UInt32" or "Int64" or "UInt64" =>
                            Check("(double)x", Literals.Double(doubleMinimum), Literals.Double(doubleMaximum)),
                        "Decimal" when !double.IsInfinity(doubleMinimum) && !double.IsInfinity(doubleMaximum) && !double.IsNaN(doubleMinimum) && !double.IsNaN(doubleMaximum) =>
                            Check("x", Literals.Double(doubleMinimum) + "m", Literals.Double(doubleMaximum) + "m"),
                        _ => null,
                    };
                }

                if (arguments.Length == 3 && arguments[0].Value is ITypeSymbol operandType
                    && arguments[1].Value is string minimumText && arguments[2].Value is string maximumText
                    && SymbolEqualityComparer.Default.Equals(operandType, valueType)
                    && valueShape.Kind == ShapeKind.Primitive
                    && valueShape.Primitive is "Int32" or "Int64" or "Double" or "Decimal" or "DateTime" or "DateTimeOffset" or "TimeSpan")
                {
                    var typeName = operandType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                    var culture = ", global::System.Globalization.CultureInfo.InvariantCulture";
                    if (valueShape.Primitive is "Int32" or "Int64" or "Double" or "Decimal"
                        && double.TryParse(minimumText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var minimumNumber)
                        && double.TryParse(maximumText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var maximumNumber))
                    {
                        builder.Minimum = Literals.Double(minimumNumber);
                        builder.Maximum = Literals.Double(maximumNumber);
                    }

                    return new CheckModel(
                        PortChecks + "Range(x, {field}.Minimum, {field}.Maximum" + flags + ")",
                        "(" + typeName + " Minimum, " + typeName + " Maximum)",
                        "(" + typeName + ".Parse(" + Literals.String(minimumText) + culture + "), " + typeName + ".Parse(" + Literals.String(maximumText) + culture + "))");
                }

                return null;

                CheckModel Check(string value, string minimum, string maximum) =>
                    new(PortChecks + "Range(" + value + ", " + minimum + ", " + maximum + flags + ")", null, null);
            }

            private static CheckModel? Values(AttributeData attribute, ITypeSymbol valueType, ValueShape valueShape, string method, out EquatableArray<string>? json)
            {
                json = null;
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array
                    || valueShape.Kind is not (ShapeKind.Primitive or ShapeKind.Enum))
                {
                    return null;
                }

                var typeName = valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                var literals = new List<string>();
                var jsonLiterals = new List<string>();
                foreach (var constant in attribute.ConstructorArguments[0].Values)
                {
                    if (constant.IsNull)
                    {
                        // A null entry only matters for null values, which never reach checks.
                        jsonLiterals.Add("null");
                        continue;
                    }

                    if (constant.Kind is not (TypedConstantKind.Primitive or TypedConstantKind.Enum) || constant.Value is null)
                    {
                        return null;
                    }

                    literals.Add("(" + typeName + ")" + Literals.Primitive(constant.Value));
                    jsonLiterals.Add(Literals.Json(constant.Value) ?? "null");
                }

                json = jsonLiterals.ToEquatableArray();
                return new CheckModel(
                    "global::Processes.Generated.PortChecks." + method + "(x, {field})",
                    typeName + "[]",
                    "new " + typeName + "[] { " + string.Join(", ", literals) + " }");
            }

            private static string Length(ITypeSymbol type)
            {
                if (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol)
                {
                    return "x.Length";
                }

                var hasCount = type.GetMembers("Count").Any(member => member is IPropertySymbol { Type.SpecialType: SpecialType.System_Int32, IsStatic: false })
                    || type.AllInterfaces.Any(i => i.GetMembers("Count").Any(member => member is IPropertySymbol { Type.SpecialType: SpecialType.System_Int32 }));
                if (type.TypeKind == TypeKind.Interface && hasCount)
                {
                    var isCollection = type.AllInterfaces.Concat(new[] { (INamedTypeSymbol)type }).Any(i =>
                        i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IReadOnlyCollection<T>");
                    return isCollection ? "x.Count" : PortChecksLengthOf;
                }

                return type.TypeKind != TypeKind.Interface && type.GetMembers("Count").Any(member => member is IPropertySymbol { Type.SpecialType: SpecialType.System_Int32, IsStatic: false, DeclaredAccessibility: Accessibility.Public })
                    ? "x.Count"
                    : PortChecksLengthOf;
            }

            private const string PortChecksLengthOf = "global::Processes.Generated.PortChecks.LengthOf(x)";

            private static object? NamedValue(AttributeData attribute, string name) =>
                attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value;

            private static string? JsonType(ValueShape shape) => shape.Kind switch
            {
                ShapeKind.Primitive => shape.Primitive switch
                {
                    "Boolean" => "boolean",
                    "Byte" or "SByte" or "Int16" or "UInt16" or "Int32" or "UInt32" or "Int64" or "UInt64" => "integer",
                    "Single" or "Double" or "Decimal" => "number",
                    _ => "string",
                },
                ShapeKind.Enum => "integer",
                ShapeKind.ProcessId or ShapeKind.ByteArray => "string",
                ShapeKind.Array or ShapeKind.UnmanagedArray or ShapeKind.List => "array",
                ShapeKind.Dictionary or ShapeKind.Data => "object",
                _ => null,
            };

            private static string? Format(ValueShape shape) => shape.Kind switch
            {
                ShapeKind.ProcessId => "uuid",
                ShapeKind.Primitive when shape.Primitive == "Guid" => "uuid",
                ShapeKind.Primitive when shape.Primitive is "DateTime" or "DateTimeOffset" => "date-time",
                _ => null,
            };

            private sealed class SchemaBuilder
            {
                public string? JsonType { get; set; }
                public string? Format { get; set; }
                public string? Minimum { get; set; }
                public string? Maximum { get; set; }
                public bool MinimumIsExclusive { get; set; }
                public bool MaximumIsExclusive { get; set; }
                public int? MinLength { get; set; }
                public int? MaxLength { get; set; }
                public string? Pattern { get; set; }
                public EquatableArray<string>? Allowed { get; set; }
                public EquatableArray<string>? Denied { get; set; }

                public SchemaModel Build() => new(
                    JsonType, Format, Minimum, Maximum, MinimumIsExclusive, MaximumIsExclusive, MinLength, MaxLength, Pattern,
                    Allowed ?? EquatableArray<string>.Empty, Denied ?? EquatableArray<string>.Empty, Allowed is not null, Denied is not null);
            }
        }
    }
}
