using System.Collections.Generic;
using System.Text.Json;

namespace Processes.Ports;

/// <summary>The schema of a leaf port, from its <see cref="PortSchemaConstraints"/>.</summary>
internal static partial class PortSchemaWriter
{
    private const string NullLiteral = "null";

    private static void WriteValuePort(ValuePort port, Utf8JsonWriter writer)
    {
        var schema = port.Schema;

        // IsOfType(null) is the port's own answer to "is null allowed", for any T.
        var acceptsNull = port.IsOfType(null);

        writer.WriteStartObject();
        WriteType(schema.JsonType, acceptsNull, writer);

        if (schema.Format is { } format)
        {
            writer.WriteString("format", format);
        }

        if (schema.Minimum is { } minimum)
        {
            writer.WriteNumber(schema.MinimumIsExclusive ? "exclusiveMinimum" : "minimum", minimum);
        }

        if (schema.Maximum is { } maximum)
        {
            writer.WriteNumber(schema.MaximumIsExclusive ? "exclusiveMaximum" : "maximum", maximum);
        }

        if (schema.MinLength is { } minLength)
        {
            writer.WriteNumber("minLength", minLength);
        }

        if (schema.MaxLength is { } maxLength)
        {
            writer.WriteNumber("maxLength", maxLength);
        }

        if (schema.Pattern is { } pattern)
        {
            writer.WriteString("pattern", pattern);
        }

        if (schema.AllowedValuesJson is { } allowed)
        {
            writer.WritePropertyName("enum");

            // enum applies to every value, null included: a nullable port must list null to accept it.
            WriteLiterals(allowed, appendNull: acceptsNull && !Contains(allowed, NullLiteral), writer);
        }

        if (schema.DeniedValuesJson is { } denied)
        {
            writer.WriteStartObject("not");
            writer.WritePropertyName("enum");
            WriteLiterals(denied, appendNull: false, writer);
            writer.WriteEndObject();
        }

        WriteDescription(port, writer);
        WriteDefaultAndType(port, writer);
        writer.WriteEndObject();
    }

    private static void WriteType(string? jsonType, bool acceptsNull, Utf8JsonWriter writer)
    {
        if (jsonType is null)
        {
            // Unknown JSON shape (e.g. a user data type): leave it open rather than guess.
            return;
        }

        if (!acceptsNull || jsonType == NullLiteral)
        {
            writer.WriteString("type", jsonType);
            return;
        }

        writer.WriteStartArray("type");
        writer.WriteStringValue(jsonType);
        writer.WriteStringValue(NullLiteral);
        writer.WriteEndArray();
    }

    private static void WriteLiterals(IReadOnlyList<string> literals, bool appendNull, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var literal in literals)
        {
            WriteLiteral(literal, writer);
        }

        if (appendNull)
        {
            writer.WriteNullValue();
        }

        writer.WriteEndArray();
    }

    private static bool Contains(IReadOnlyList<string> literals, string literal)
    {
        foreach (var candidate in literals)
        {
            if (candidate.Trim() == literal)
            {
                return true;
            }
        }

        return false;
    }
}
