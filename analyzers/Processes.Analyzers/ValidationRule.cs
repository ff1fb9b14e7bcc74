using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>
/// The constant arguments of one DataAnnotations attribute, read from its <see cref="AttributeData"/>,
/// and the check of a constant default against them (worded like the runtime's <c>PortChecks</c>).
/// </summary>
internal sealed class ValidationRule
{
    private ValidationRule(AttributeData attribute)
    {
        Attribute = attribute;
        Name = attribute.AttributeClass!.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length);
    }

    public AttributeData Attribute { get; }

    /// <summary>The attribute name as written, without the suffix: <c>Range</c>.</summary>
    public string Name { get; }

    /// <summary>The inclusive-by-default lower and upper bounds, when the attribute has constant ones.</summary>
    public (double Minimum, double Maximum)? Bounds { get; private set; }

    public bool MinimumIsExclusive { get; private set; }

    public bool MaximumIsExclusive { get; private set; }

    /// <summary>Whether the bounds are lengths (<c>MinLength</c>, <c>Length</c>…) rather than values (<c>Range</c>).</summary>
    public bool BoundsAreLengths { get; private set; }

    public string? Pattern { get; private set; }

    public object?[]? Values { get; private set; }

    public static ValidationRule Read(AttributeData attribute)
    {
        var rule = new ValidationRule(attribute);
        var arguments = attribute.ConstructorArguments;
        switch (rule.Name)
        {
            case "Range" when arguments.Length == 2 && IsNumber(arguments[0].Value) && IsNumber(arguments[1].Value):
                rule.Bounds = (ToDouble(arguments[0].Value), ToDouble(arguments[1].Value));
                rule.MinimumIsExclusive = NamedBool(attribute, "MinimumIsExclusive");
                rule.MaximumIsExclusive = NamedBool(attribute, "MaximumIsExclusive");
                break;
            case "MinLength" when arguments.Length == 1 && arguments[0].Value is int minimum:
                rule.Bounds = (minimum, double.PositiveInfinity);
                rule.BoundsAreLengths = true;
                break;
            case "MaxLength" when arguments.Length == 1 && arguments[0].Value is int maximum:
                rule.Bounds = (0, maximum);
                rule.BoundsAreLengths = true;
                break;
            case "Length" when arguments.Length == 2 && arguments[0].Value is int minimum && arguments[1].Value is int maximum:
                rule.Bounds = (minimum, maximum);
                rule.BoundsAreLengths = true;
                break;
            case "StringLength" when arguments.Length == 1 && arguments[0].Value is int maximum:
                rule.Bounds = (NamedInt(attribute, "MinimumLength"), maximum);
                rule.BoundsAreLengths = true;
                break;
            case "RegularExpression" when arguments.Length == 1 && arguments[0].Value is string pattern:
                rule.Pattern = pattern;
                break;
            case "AllowedValues" or "DeniedValues" when arguments.Length == 1 && arguments[0].Kind == TypedConstantKind.Array:
                rule.Values = arguments[0].Values.Select(value => value.Value).ToArray();
                break;
        }

        return rule;
    }

    /// <summary>Why a constant default fails this rule, or null when it passes (or cannot be judged).</summary>
    public string? Check(object value)
    {
        if (Bounds is { } bounds && BoundsAreLengths && value is string text)
        {
            return CheckLength(text.Length, bounds);
        }

        if (Bounds is { } range && !BoundsAreLengths && IsNumber(value))
        {
            var number = ToDouble(value);
            var below = MinimumIsExclusive ? number <= range.Minimum : number < range.Minimum;
            var above = MaximumIsExclusive ? number >= range.Maximum : number > range.Maximum;
            return below || above
                ? $"must be {(MinimumIsExclusive ? "greater than" : "at least")} {Format(range.Minimum)} and {(MaximumIsExclusive ? "less than" : "at most")} {Format(range.Maximum)}, but was {Format(value)}"
                : null;
        }

        if (Pattern is not null && value is string input && IsValidPattern(Pattern))
        {
            return MatchesWhole(input, Pattern) is false ? $"must match the pattern '{Pattern}'" : null;
        }

        if (Values is not null)
        {
            var listed = Values.Any(candidate => SameConstant(candidate, value));
            return Name == "AllowedValues"
                ? listed ? null : $"must be one of {string.Join(", ", Values.Select(Format))}, but was {Format(value)}"
                : listed ? $"must not be {Format(value)}" : null;
        }

        return null;
    }

    /// <summary>A constant as a message shows it: strings quoted, numbers in the invariant culture.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static bool IsValidPattern(string pattern) => TryParsePattern(pattern) is null;

    /// <summary>The parser's error for an invalid pattern, or null when it compiles.</summary>
    public static string? TryParsePattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    // A pathological pattern must not stall the IDE: a match that times out is not judged.
    private static bool? MatchesWhole(string input, string pattern)
    {
        try
        {
            var match = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250)).Match(input);
            return match.Success && match.Index == 0 && match.Length == input.Length;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string? CheckLength(int length, (double Minimum, double Maximum) bounds)
    {
        if (length >= bounds.Minimum && length <= bounds.Maximum)
        {
            return null;
        }

        if (double.IsPositiveInfinity(bounds.Maximum))
        {
            return $"length must be at least {Format(bounds.Minimum)}, but was {length}";
        }

        return bounds.Minimum == 0
            ? $"length must be at most {Format(bounds.Maximum)}, but was {length}"
            : $"length must be between {Format(bounds.Minimum)} and {Format(bounds.Maximum)}, but was {length}";
    }

    private static bool SameConstant(object? candidate, object value) =>
        IsNumber(candidate) && IsNumber(value)
            ? ToDouble(candidate) == ToDouble(value)
            : Equals(candidate, value);

    private static bool IsNumber(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static double ToDouble(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static bool NamedBool(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value is true;

    private static int NamedInt(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value is int value ? value : 0;
}
