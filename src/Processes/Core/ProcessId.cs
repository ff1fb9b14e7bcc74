using System;
using System.Diagnostics.CodeAnalysis;

namespace Processes;

/// <summary>Identifies one process instance, stable across checkpoints, reloads and machines.</summary>
public readonly record struct ProcessId(Guid Value) : ISpanFormattable, ISpanParsable<ProcessId>
{
    /// <summary>Creates a new unique id: a version-4 GUID, random per OS process and never repeated within it.</summary>
    public static ProcessId New() => new(Runtime.ProcessIdGenerator.Next());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("N");

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format ?? "N", formatProvider);

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, format.IsEmpty ? "N" : format);

    /// <summary>Parses an id written by <see cref="ToString()"/>.</summary>
    public static ProcessId Parse(string s, IFormatProvider? provider = null) => new(Guid.Parse(s, provider));

    /// <inheritdoc />
    public static ProcessId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => new(Guid.Parse(s, provider));

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ProcessId result)
    {
        var parsed = Guid.TryParse(s, provider, out var guid);
        result = new ProcessId(guid);
        return parsed;
    }

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ProcessId result)
    {
        var parsed = Guid.TryParse(s, provider, out var guid);
        result = new ProcessId(guid);
        return parsed;
    }
}
