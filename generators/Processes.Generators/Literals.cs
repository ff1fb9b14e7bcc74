using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Processes.Generators;

/// <summary>C# and JSON literals, always in the invariant culture.</summary>
internal static class Literals
{
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value) =>
        double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : double.IsNaN(value) ? "double.NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A C# literal for a constant of a primitive type.</summary>
    public static string Primitive(object value) => value switch
    {
        string text => String(text),
        char character => SymbolDisplay.FormatLiteral(character, quote: true),
        bool flag => flag ? "true" : "false",
        double number => Double(number) + (IsWhole(number) ? "d" : string.Empty),
        float number => number.ToString("R", CultureInfo.InvariantCulture) + "f",
        decimal number => number.ToString(CultureInfo.InvariantCulture) + "m",
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        ulong number => number.ToString(CultureInfo.InvariantCulture) + "UL",
        uint number => number.ToString(CultureInfo.InvariantCulture) + "U",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "default",
    };

    private static bool IsWhole(double number) =>
        !double.IsInfinity(number) && !double.IsNaN(number) && Math.Floor(number) == number && !number.ToString("R", CultureInfo.InvariantCulture).Contains("E");

    /// <summary>A JSON literal for a constant; null when it has none (NaN, infinities).</summary>
    public static string? Json(object? value) => value switch
    {
        null => "null",
        string text => JsonString(text),
        char character => JsonString(character.ToString()),
        bool flag => flag ? "true" : "false",
        double number => double.IsInfinity(number) || double.IsNaN(number) ? null : number.ToString("R", CultureInfo.InvariantCulture),
        float number => float.IsInfinity(number) || float.IsNaN(number) ? null : number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string JsonString(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var character in text)
        {
            switch (character)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (character < ' ')
                    {
                        builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(character);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The argument that chains to a primary constructor for a parameter: its explicit default, or <c>default</c>.</summary>
    public static string ParameterDefault(IParameterSymbol parameter)
    {
        if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is { } value)
        {
            var typeName = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return parameter.Type.TypeKind == TypeKind.Enum ? "(" + typeName + ")" + Primitive(value) : Primitive(value);
        }

        return parameter.Type.IsValueType ? "default" : "default!";
    }
}
