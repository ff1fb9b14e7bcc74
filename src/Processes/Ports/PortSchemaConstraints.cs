using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>JSON-schema facts about a leaf port, filled in by the generator from the member's type and attributes.</summary>
public sealed record PortSchemaConstraints
{
    /// <summary>No constraints and an unknown JSON type.</summary>
    public static PortSchemaConstraints Empty { get; } = new();

    /// <summary>The JSON schema type: <c>integer</c>, <c>number</c>, <c>string</c>, <c>boolean</c>, <c>array</c> or <c>object</c>.</summary>
    public string? JsonType { get; init; }

    /// <summary>A JSON schema <c>format</c>, e.g. <c>uuid</c> or <c>date-time</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The smallest allowed number.</summary>
    public double? Minimum { get; init; }

    /// <summary>The largest allowed number.</summary>
    public double? Maximum { get; init; }

    /// <summary>True when <see cref="Minimum"/> itself is not allowed.</summary>
    public bool MinimumIsExclusive { get; init; }

    /// <summary>True when <see cref="Maximum"/> itself is not allowed.</summary>
    public bool MaximumIsExclusive { get; init; }

    /// <summary>The shortest allowed length (strings, collections).</summary>
    public int? MinLength { get; init; }

    /// <summary>The longest allowed length (strings, collections).</summary>
    public int? MaxLength { get; init; }

    /// <summary>A regular expression a string must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>The allowed values as JSON literals.</summary>
    public IReadOnlyList<string>? AllowedValuesJson { get; init; }

    /// <summary>The forbidden values as JSON literals.</summary>
    public IReadOnlyList<string>? DeniedValuesJson { get; init; }
}
