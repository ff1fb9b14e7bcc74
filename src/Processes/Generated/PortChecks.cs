using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Processes.Generated;

/// <summary>
/// The checks that generated code compiles DataAnnotations attributes into. Each returns an
/// error message, or null when the value passes. Messages name the rule, never the member: the
/// caller reports them at the port's path. Not for use in user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PortChecks
{
    /// <summary><c>[Range]</c> over a comparable value (numbers, dates).</summary>
    public static string? Range<T>(T value, T minimum, T maximum, bool minimumIsExclusive = false, bool maximumIsExclusive = false)
        where T : IComparable<T>
    {
        var belowMinimum = minimumIsExclusive ? value.CompareTo(minimum) <= 0 : value.CompareTo(minimum) < 0;
        var aboveMaximum = maximumIsExclusive ? value.CompareTo(maximum) >= 0 : value.CompareTo(maximum) > 0;
        if (!belowMinimum && !aboveMaximum)
        {
            return null;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"must be {(minimumIsExclusive ? "greater than" : "at least")} {minimum} and {(maximumIsExclusive ? "less than" : "at most")} {maximum}, but was {value}");
    }

    /// <summary><c>[MinLength]</c> on a string or collection (null passes: absence is the required check's job).</summary>
    public static string? MinLength(int? length, int minimum) =>
        length is { } actual && actual < minimum
            ? string.Create(CultureInfo.InvariantCulture, $"length must be at least {minimum}, but was {actual}")
            : null;

    /// <summary><c>[MaxLength]</c> on a string or collection.</summary>
    public static string? MaxLength(int? length, int maximum) =>
        length is { } actual && actual > maximum
            ? string.Create(CultureInfo.InvariantCulture, $"length must be at most {maximum}, but was {actual}")
            : null;

    /// <summary><c>[Length]</c> and <c>[StringLength]</c>: a length between two bounds.</summary>
    public static string? LengthBetween(int? length, int minimum, int maximum) =>
        length is { } actual && (actual < minimum || actual > maximum)
            ? string.Create(CultureInfo.InvariantCulture, $"length must be between {minimum} and {maximum}, but was {actual}")
            : null;

    /// <summary>The length of a string or collection as DataAnnotations counts it; null for null.</summary>
    public static int? LengthOf(object? value) => value switch
    {
        null => null,
        string text => text.Length,
        ICollection collection => collection.Count,
        _ => CountEnumerable(value),
    };

    private static int? CountEnumerable(object value)
    {
        if (value is not IEnumerable enumerable)
        {
            return null;
        }

        var count = 0;
        foreach (var unused in enumerable)
        {
            count++;
        }

        return count;
    }

    /// <summary><c>[RegularExpression]</c>: the whole string must match (as DataAnnotations requires).</summary>
    public static string? Matches(string? value, Regex pattern)
    {
        if (value is null)
        {
            return null;
        }

        var match = pattern.Match(value);
        return match.Success && match.Index == 0 && match.Length == value.Length
            ? null
            : $"must match the pattern '{pattern}'";
    }

    /// <summary>Creates the regular expression a generated check uses, with a match timeout.</summary>
    public static Regex CreatePattern(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    /// <summary><c>[AllowedValues]</c>.</summary>
    public static string? Allowed<T>(T value, T[] allowed)
    {
        foreach (var candidate in allowed)
        {
            if (EqualityComparer<T>.Default.Equals(value, candidate))
            {
                return null;
            }
        }

        return $"must be one of {Describe(allowed)}, but was {Describe(value)}";
    }

    /// <summary><c>[DeniedValues]</c>.</summary>
    public static string? Denied<T>(T value, T[] denied)
    {
        foreach (var candidate in denied)
        {
            if (EqualityComparer<T>.Default.Equals(value, candidate))
            {
                return $"must not be {Describe(value)}";
            }
        }

        return null;
    }

    /// <summary><c>[Required]</c> on a string: empty or white space is missing unless allowed.</summary>
    public static string? NotEmpty(string? value) =>
        value is not null && string.IsNullOrWhiteSpace(value) ? "must not be empty" : null;

    /// <summary><c>[EmailAddress]</c>: DataAnnotations' rule (exactly one '@', not first or last).</summary>
    public static string? EmailAddress(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0 && at != value.Length - 1 && at == value.LastIndexOf('@') && !value.Contains('\r') && !value.Contains('\n');
        return valid ? null : "must be an e-mail address";
    }

    /// <summary><c>[Url]</c>: an absolute http, https or ftp address.</summary>
    public static string? Url(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var valid = value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);
        return valid ? null : "must be an absolute http, https or ftp URL";
    }

    /// <summary><c>[Base64String]</c>.</summary>
    public static string? Base64String(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return System.Buffers.Text.Base64.IsValid(value) ? null : "must be a Base64 string";
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Describe<T>(T[] values)
    {
        var parts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            parts[i] = Describe(values[i]);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
