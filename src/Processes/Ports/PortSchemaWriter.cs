using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Processes.Ports;

/// <summary>
/// Writes a process's ports as a JSON schema document (draft 2020-12), with
/// <see cref="Utf8JsonWriter"/> directly so that no reflection-based serializer is involved.
/// </summary>
internal static partial class PortSchemaWriter
{
    /// <summary>The JSON schema dialect every document declares in <c>$schema</c>.</summary>
    public const string SchemaDialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>
    /// The keyword naming a port's C# type (<see cref="Port.TypeName"/>), for tools that generate
    /// client code; an <c>x-</c> prefix keeps it out of the way of standard validators.
    /// </summary>
    public const string DotNetTypeKeyword = "x-dotnet-type";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // A schema is read by people and tools, not embedded in HTML: keep '+', '<' and non-ASCII
        // help text readable instead of \u-escaping them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Describes the inputs and outputs of a process type (<see cref="ProcessDescriptor.ToJsonSchema"/> is the public entry).</summary>
    /// <param name="title">The process name.</param>
    /// <param name="inputs">The root input namespace.</param>
    /// <param name="outputs">The root output namespace.</param>
    /// <returns>
    /// An indented JSON document: an object schema titled with the process name, whose
    /// <c>inputs</c> and <c>outputs</c> properties are the schemas of the two root namespaces.
    /// </returns>
    public static string Write(string title, PortNamespace inputs, PortNamespace outputs)
    {

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaDialect);
            writer.WriteString("title", title);
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            writer.WritePropertyName("inputs");
            WriteNamespace(inputs, writer);
            writer.WritePropertyName("outputs");
            WriteNamespace(outputs, writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes the schema of a namespace as one JSON value: its ports under <c>properties</c>, the
    /// ports that must be supplied under <c>required</c> (left out when none must), and
    /// <c>additionalProperties</c>: <c>false</c> for a fixed namespace, the schema of
    /// <see cref="PortNamespace.DynamicNamespace"/> for a dynamic one whose values are non-null port
    /// namespaces, otherwise of <see cref="PortNamespace.DynamicValue"/> (<c>true</c> when it has none).
    /// </summary>
    /// <param name="spec">The namespace to describe.</param>
    /// <param name="writer">The writer, positioned where a value may be written.</param>
    public static void WriteNamespace(PortNamespace spec, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteStartObject();
        writer.WriteString("type", "object");
        WriteDescription(spec, writer);

        writer.WriteStartObject("properties");
        foreach (var port in spec.Ports)
        {
            writer.WritePropertyName(port.Name);
            WritePort(port, writer);
        }

        writer.WriteEndObject();
        WriteRequired(spec, writer);
        WriteAdditionalProperties(spec, writer);
        WriteDefaultAndType(spec, writer);
        writer.WriteEndObject();
    }

    private static void WritePort(Port port, Utf8JsonWriter writer)
    {
        if (port is PortNamespace nested)
        {
            WriteNamespace(nested, writer);
        }
        else if (port is ValuePort leaf)
        {
            WriteValuePort(leaf, writer);
        }
    }

    private static void WriteRequired(PortNamespace spec, Utf8JsonWriter writer)
    {
        var started = false;
        foreach (var port in spec.Ports)
        {
            // Same rule as validation: a port with a default never has to be supplied.
            if (!port.Required || port.HasDefault)
            {
                continue;
            }

            if (!started)
            {
                writer.WriteStartArray("required");
                started = true;
            }

            writer.WriteStringValue(port.Name);
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    private static void WriteAdditionalProperties(PortNamespace spec, Utf8JsonWriter writer)
    {
        if (!spec.IsDynamic)
        {
            writer.WriteBoolean("additionalProperties", false);
        }
        else if (spec.DynamicNamespace is { Required: true } entryNamespace)
        {
            // Values that are port namespaces (never null): each is described by its namespace's schema.
            writer.WritePropertyName("additionalProperties");
            WriteNamespace(entryNamespace, writer);
        }
        else if (spec.DynamicValue is { } dynamicValue)
        {
            writer.WritePropertyName("additionalProperties");
            WriteValuePort(dynamicValue, writer);
        }
        else
        {
            writer.WriteBoolean("additionalProperties", true);
        }
    }

    private static void WriteDescription(Port port, Utf8JsonWriter writer)
    {
        if (!string.IsNullOrEmpty(port.Help))
        {
            writer.WriteString("description", port.Help);
        }
    }

    private static void WriteDefaultAndType(Port port, Utf8JsonWriter writer)
    {
        if (port.DefaultJson is { } defaultJson)
        {
            writer.WritePropertyName("default");
            WriteLiteral(defaultJson, writer);
        }

        writer.WriteString(DotNetTypeKeyword, port.TypeName);
    }

    /// <summary>Writes a JSON literal emitted by the generator (a default, an allowed value).</summary>
    private static void WriteLiteral(string json, Utf8JsonWriter writer)
    {
        // Parsed rather than written raw: raw values would break the indentation of the document,
        // and parsing rejects a malformed literal here instead of producing an invalid schema.
        // JsonDocument reads without reflection; numbers keep their original text (1e-6 stays 1e-6).
        using var literal = JsonDocument.Parse(json);
        literal.RootElement.WriteTo(writer);
    }
}
