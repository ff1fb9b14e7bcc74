using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Runtime;

namespace Processes;

// Raising an event whose payload is JSON, for callers without the payload's type (a command line).
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Raises an event with a payload given as a JSON object, read as <paramref name="payloadType"/>
    /// (a <c>[PortNamespace]</c> type registered with <see cref="ProcessRegistry.RegisterEventPayload{TPayload}"/>
    /// in <see cref="Registry"/>) by generated code: port names as keys, defaults filled, every rule checked.
    /// Otherwise as <see cref="RaiseEventAsync{TPayload}(ProcessId, string, TPayload, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="PortValidationException">
    /// The JSON does not parse, is not an object, names an unknown port, has a value of the wrong
    /// type or one that breaks its rules, or the type is not registered: every error at its path
    /// under <c>event.&lt;name&gt;</c> (e.g. <c>event.approved.limit</c>).
    /// </exception>
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, string payloadType, string payloadJson, CancellationToken cancellationToken = default)
    {
        ProcessEventPayload.CheckName(eventName);
        System.ArgumentException.ThrowIfNullOrEmpty(payloadType);
        System.ArgumentNullException.ThrowIfNull(payloadJson);
        byte[] payload;
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            payload = Registry.EventPayloadFromJson(payloadType, eventName, document.RootElement);
        }
        catch (JsonException invalid)
        {
            throw new PortValidationException($"event '{eventName}'", [new PortError(PortPath.Join("event", eventName), "is not valid JSON: " + invalid.Message)]);
        }

        return RaiseEventCoreAsync(id, eventName, payloadType, payload, cancellationToken);
    }
}
