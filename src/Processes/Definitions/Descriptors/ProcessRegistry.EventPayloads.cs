using System;
using System.Collections.Concurrent;
using System.Text.Json;
using Processes.Ports;
using Processes.Runtime;

namespace Processes;

// Event payload types by name, so a payload given as JSON (the `processes raise --payload` command)
// becomes the typed [PortNamespace] value a step reads, through generated code only.
public sealed partial class ProcessRegistry
{
    private readonly ConcurrentDictionary<string, Func<string, JsonElement, byte[]>> _eventPayloads = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers a <c>[PortNamespace]</c> type as an event payload that may be raised as JSON
    /// (<see cref="ProcessRuntime.RaiseEventAsync(ProcessId, string, string, string, System.Threading.CancellationToken)"/>,
    /// <c>processes raise ID EVENT --payload JSON --payload-type NAME</c>) under its full type name.
    /// Typed raises (<c>RaiseEventAsync&lt;TPayload&gt;</c>) need no registration.
    /// </summary>
    public ProcessRegistry RegisterEventPayload<TPayload>()
        where TPayload : IPortNamespace<TPayload>
    {
        _eventPayloads.TryAdd(ProcessEventPayload.TypeName<TPayload>(), static (eventName, json) => FromJson<TPayload>(eventName, json));
        return this;
    }

    /// <summary>True when <paramref name="typeName"/> was registered with <see cref="RegisterEventPayload{TPayload}"/>.</summary>
    public bool IsEventPayloadRegistered(string typeName) => _eventPayloads.ContainsKey(typeName);

    /// <summary>
    /// The serialized payload of a registered type read from JSON. Every problem, an unregistered
    /// type included, is a <see cref="PortValidationException"/> with errors at their port paths.
    /// </summary>
    internal byte[] EventPayloadFromJson(string typeName, string eventName, JsonElement json) =>
        _eventPayloads.TryGetValue(typeName, out var read)
            ? read(eventName, json)
            : throw new PortValidationException(
                $"event '{eventName}'",
                [new PortError(PortPath.Join("event", eventName), $"no event payload type '{typeName}' is registered here (ProcessRegistry.RegisterEventPayload<T>())")]);

    // JSON → raw port values → defaults → the by-name validation → Bind → the generated writer.
    private static byte[] FromJson<TPayload>(string eventName, JsonElement json)
        where TPayload : IPortNamespace<TPayload>
    {
        var path = PortPath.Join("event", eventName);
        var spec = TPayload.CreateSpec(eventName, help: null, required: true, defaultFactory: null);
        var errors = new PortErrorCollector();
        var raw = PortJson.ReadNamespace(spec, json, path, errors);
        if (!errors.HasErrors)
        {
            var filled = PortValues.FillDefaults(spec, raw);
            PortValues.Validate(spec, filled, path, errors);
            if (!errors.HasErrors && spec.Bind is { } bind)
            {
                return ProcessEventPayload.Serialize(eventName, (TPayload)bind(filled));
            }
        }

        throw new PortValidationException($"event '{eventName}'", errors.HasErrors ? errors.Errors : [new PortError(path, "the payload type cannot be bound from port values")]);
    }
}
