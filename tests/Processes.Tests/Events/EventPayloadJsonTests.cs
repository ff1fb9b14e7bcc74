using System;
using System.Linq;
using System.Text.Json;
using Processes.Ports;
using Processes.Runtime;
using Processes.Tests.QuickStart;
using Xunit;

namespace Processes.Tests.Events;

/// <summary>An event payload given as JSON becomes the typed [PortNamespace] value through the generated spec, or typed errors at port paths.</summary>
public sealed class EventPayloadJsonTests
{
    private static readonly string TypeName = typeof(RelaxOptions).FullName!;

    [Fact]
    public void A_json_object_becomes_the_payload_with_defaults_for_absent_ports()
    {
        var registry = new ProcessRegistry().RegisterEventPayload<RelaxOptions>();
        Assert.True(registry.IsEventPayloadRegistered(TypeName));

        var options = Read(registry, """{ "mode": "fire" }""");
        Assert.Equal("fire", options.Mode);
        Assert.Equal(1e-6, options.Tol);
        Assert.Equal(0.25, Read(registry, """{ "tol": 0.25 }""").Tol);
    }

    [Theory]
    [InlineData("""{ "mode": "newton" }""", "event.tuned.mode: unknown mode")]
    [InlineData("""{ "tol": 2 }""", "event.tuned.tol: ")]
    [InlineData("""{ "tol": "small" }""", "event.tuned.tol: must be a JSON number, but was the string \"small\"")]
    [InlineData("""{ "mode": true }""", "event.tuned.mode: must be a JSON string, but was true")]
    [InlineData("""{ "speed": 1 }""", "event.tuned.speed: unknown port 'speed'; known ports here: tol, mode")]
    [InlineData("""42""", "event.tuned: must be a JSON object, but was number")]
    public void A_bad_payload_is_a_validation_error_at_each_port_path(string json, string expected)
    {
        var registry = new ProcessRegistry().RegisterEventPayload<RelaxOptions>();
        using var document = JsonDocument.Parse(json);
        var error = Assert.Throws<PortValidationException>(() => registry.EventPayloadFromJson(TypeName, "tuned", document.RootElement));
        Assert.Contains(error.Errors, found => (found.Path + ": " + found.Message).StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unregistered_type_is_a_validation_error_at_the_event_path()
    {
        using var document = JsonDocument.Parse("{}");
        var error = Assert.Throws<PortValidationException>(() => new ProcessRegistry().EventPayloadFromJson(TypeName, "tuned", document.RootElement));
        Assert.Equal("event.tuned", error.Errors.Single().Path);
    }

    private static RelaxOptions Read(ProcessRegistry registry, string json)
    {
        using var document = JsonDocument.Parse(json);
        var bytes = registry.EventPayloadFromJson(TypeName, "tuned", document.RootElement);
        return ProcessEventPayload.Deserialize<RelaxOptions>(new ProcessEventRecord("tuned", TypeName, bytes, DateTimeOffset.UtcNow), ProcessId.New());
    }
}
