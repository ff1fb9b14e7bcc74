using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Processes.Ports;
using Xunit;

namespace Processes.Tests.Ports;

/// <summary>The JSON schema description of a process's ports.</summary>
public sealed class PortSchemaWriterTests
{
    private readonly RelaxSpec _spec = new();

    private JsonDocument WriteRelax() => JsonDocument.Parse(new RelaxDescriptor(_spec).ToJsonSchema());

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!).ToArray();

    [Fact]
    public void The_document_is_an_object_schema_with_inputs_and_outputs()
    {
        using var document = WriteRelax();
        var root = document.RootElement;

        Assert.Equal(PortSchemaWriter.SchemaDialect, root.GetProperty("$schema").GetString());
        Assert.Equal("Samples.Relax", root.GetProperty("title").GetString());
        Assert.Equal("object", root.GetProperty("type").GetString());
        Assert.Equal(["inputs", "outputs"], root.GetProperty("properties").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void The_document_is_consistently_indented_literals_included()
    {
        var json = new RelaxDescriptor(_spec).ToJsonSchema();

        // Re-indenting the parsed document must change nothing: enum literals and defaults are
        // laid out like everything else, not pasted in raw.
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        Assert.Equal(Encoding.UTF8.GetString(buffer.WrittenSpan), json);
        Assert.Contains("\n  \"$schema\": ", json, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_default_literal_is_rejected()
    {
        var spec = new PortNamespace("inputs")
        {
            Ports = [new ValuePort<int>("steps") { TypeName = "int", DefaultFactory = () => 1, DefaultJson = "one" }],
        };

        Assert.ThrowsAny<JsonException>(() => WriteNamespace(spec));
    }

    [Fact]
    public void Required_lists_only_ports_without_default_or_nullable_type()
    {
        using var document = WriteRelax();
        var properties = document.RootElement.GetProperty("properties");
        var inputs = properties.GetProperty("inputs");

        Assert.Equal(["start"], Strings(inputs.GetProperty("required")));
        Assert.Equal(["mode"], Strings(inputs.GetProperty("properties").GetProperty("options").GetProperty("required")));
        Assert.Equal(["energy"], Strings(properties.GetProperty("outputs").GetProperty("required")));
        Assert.Equal(
            ["start", "max_steps", "options", "extras", "label"],
            inputs.GetProperty("properties").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void A_leaf_carries_type_bounds_default_description_and_dotnet_type()
    {
        using var document = WriteRelax();
        var maxSteps = document.RootElement.GetProperty("properties").GetProperty("inputs").GetProperty("properties").GetProperty("max_steps");

        Assert.Equal("integer", maxSteps.GetProperty("type").GetString());
        Assert.Equal(1, maxSteps.GetProperty("minimum").GetInt32());
        Assert.Equal(1000, maxSteps.GetProperty("maximum").GetInt32());
        Assert.Equal(50, maxSteps.GetProperty("default").GetInt32());
        Assert.Equal("The most steps to take.", maxSteps.GetProperty("description").GetString());
        Assert.Equal("int", maxSteps.GetProperty(PortSchemaWriter.DotNetTypeKeyword).GetString());
    }

    [Fact]
    public void Exclusive_bounds_use_the_exclusive_keywords()
    {
        using var document = WriteRelax();
        var tol = document.RootElement.GetProperty("properties").GetProperty("inputs")
            .GetProperty("properties").GetProperty("options").GetProperty("properties").GetProperty("tol");

        Assert.Equal(0, tol.GetProperty("exclusiveMinimum").GetDouble());
        Assert.False(tol.TryGetProperty("minimum", out _));
        Assert.Equal(1, tol.GetProperty("maximum").GetDouble());
        Assert.Equal(1e-6, tol.GetProperty("default").GetDouble());
    }

    [Fact]
    public void Ports_without_a_default_or_help_write_neither()
    {
        using var document = WriteRelax();
        var start = document.RootElement.GetProperty("properties").GetProperty("inputs").GetProperty("properties").GetProperty("start");
        var label = document.RootElement.GetProperty("properties").GetProperty("inputs").GetProperty("properties").GetProperty("label");

        Assert.False(start.TryGetProperty("default", out _));
        Assert.False(start.TryGetProperty("type", out _));
        Assert.Equal("The starting geometry.", start.GetProperty("description").GetString());
        Assert.False(label.TryGetProperty("description", out _));
    }

    [Fact]
    public void Additional_properties_are_false_for_fixed_namespaces_and_the_value_schema_for_dynamic_ones()
    {
        using var document = WriteRelax();
        var inputs = document.RootElement.GetProperty("properties").GetProperty("inputs");
        var options = inputs.GetProperty("properties").GetProperty("options");
        var extras = inputs.GetProperty("properties").GetProperty("extras");

        Assert.Equal(JsonValueKind.False, inputs.GetProperty("additionalProperties").ValueKind);
        Assert.Equal(JsonValueKind.False, options.GetProperty("additionalProperties").ValueKind);
        Assert.Equal("object", extras.GetProperty("type").GetString());
        Assert.Equal("number", extras.GetProperty("additionalProperties").GetProperty("type").GetString());
        Assert.Equal("double", extras.GetProperty("additionalProperties").GetProperty(PortSchemaWriter.DotNetTypeKeyword).GetString());
        Assert.False(extras.TryGetProperty("required", out _));
    }

    [Fact]
    public void Allowed_and_denied_values_become_enum_and_not_enum()
    {
        using var document = WriteRelax();
        var inputPorts = document.RootElement.GetProperty("properties").GetProperty("inputs").GetProperty("properties");
        var mode = inputPorts.GetProperty("options").GetProperty("properties").GetProperty("mode");
        var label = inputPorts.GetProperty("label");

        Assert.Equal(["fast", "accurate"], Strings(mode.GetProperty("enum")));
        Assert.Equal([string.Empty], Strings(label.GetProperty("not").GetProperty("enum")));
        Assert.Equal(40, label.GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public void A_nullable_leaf_accepts_null_in_its_type_and_enum()
    {
        var spec = new PortNamespace("inputs")
        {
            Ports =
            [
                new ValuePort<string?>("mode")
                {
                    TypeName = "string?",
                    AcceptsNull = true,
                    Schema = new PortSchemaConstraints { JsonType = "string", AllowedValuesJson = ["\"fast\""] },
                },
            ],
        };

        using var document = JsonDocument.Parse(WriteNamespace(spec));
        var mode = document.RootElement.GetProperty("properties").GetProperty("mode");

        Assert.Equal(["string", "null"], Strings(mode.GetProperty("type")));
        Assert.Equal(
            [JsonValueKind.String, JsonValueKind.Null],
            mode.GetProperty("enum").EnumerateArray().Select(item => item.ValueKind));
    }

    [Fact]
    public void A_dynamic_namespace_without_a_value_port_allows_any_additional_property()
    {
        var spec = new PortNamespace("metadata") { IsDynamic = true, Help = "Free-form tags." };

        using var document = JsonDocument.Parse(WriteNamespace(spec));
        var root = document.RootElement;

        Assert.Equal(JsonValueKind.True, root.GetProperty("additionalProperties").ValueKind);
        Assert.Equal("Free-form tags.", root.GetProperty("description").GetString());
        Assert.Empty(root.GetProperty("properties").EnumerateObject());
    }

    [Fact]
    public void A_namespace_default_is_written_raw()
    {
        var spec = new PortNamespace("inputs")
        {
            Ports =
            [
                new PortNamespace("options")
                {
                    TypeName = "RelaxOptions",
                    DefaultJson = "{\"tol\":1e-6}",
                    DefaultFactory = () => new RelaxOptions(1e-6, "fast"),
                    Ports = [new ValuePort<double>("tol") { TypeName = "double" }],
                },
            ],
        };

        using var document = JsonDocument.Parse(WriteNamespace(spec));
        var options = document.RootElement.GetProperty("properties").GetProperty("options");

        Assert.Equal(1e-6, options.GetProperty("default").GetProperty("tol").GetDouble());
        Assert.Equal("RelaxOptions", options.GetProperty(PortSchemaWriter.DotNetTypeKeyword).GetString());
        Assert.False(document.RootElement.TryGetProperty("required", out _));
    }

    private static string WriteNamespace(PortNamespace spec)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PortSchemaWriter.WriteNamespace(spec, writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
