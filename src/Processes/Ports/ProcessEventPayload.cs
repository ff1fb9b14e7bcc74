using System;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// Turns an event's payload (a <c>[PortNamespace]</c> type) into the bytes a checkpoint keeps and
/// back, with the namespace's generated validation on the way in.
/// </summary>
internal static class ProcessEventPayload
{
    /// <summary>The stable name recorded beside the payload, checked when a step reads it.</summary>
    public static string TypeName<TPayload>() => typeof(TPayload).FullName ?? typeof(TPayload).Name;

    /// <summary>Throws <see cref="ArgumentException"/> for a name no step could wait for.</summary>
    public static void CheckName(string eventName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
    }

    /// <summary>
    /// Validates <paramref name="payload"/> with its generated rules (every error collected, paths
    /// under <c>event.&lt;name&gt;</c>) and serializes it.
    /// </summary>
    /// <exception cref="PortValidationException">The payload breaks its namespace's rules.</exception>
    public static byte[] Serialize<TPayload>(string eventName, TPayload payload)
        where TPayload : IPortNamespace<TPayload>
    {
        ArgumentNullException.ThrowIfNull(payload);
        var errors = new PortErrorCollector();
        TPayload.Validate(payload, PortPath.Join("event", eventName), errors);
        if (errors.HasErrors)
        {
            throw new PortValidationException($"event '{eventName}'", errors.Errors);
        }

        var writer = new ProcessWriter();
        TPayload.Write(writer, payload);
        return writer.ToArray();
    }

    /// <summary>Reads a payload a step asked for as <typeparamref name="TPayload"/>; a payload of another type is a clear error.</summary>
    public static TPayload Deserialize<TPayload>(ProcessEventRecord record, ProcessId processId)
        where TPayload : IPortNamespace<TPayload>
    {
        var expected = TypeName<TPayload>();
        if (record.PayloadType is null)
        {
            throw new InvalidOperationException(
                $"Event '{record.Name}' of process {processId} was raised without a payload; read it with HasEvent, not as a {expected}.");
        }

        if (!string.Equals(record.PayloadType, expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Event '{record.Name}' of process {processId} carries a {record.PayloadType}, not a {expected}.");
        }

        try
        {
            var reader = new ProcessReader(record.Payload);
            var value = TPayload.Read(ref reader) ?? throw new ProcessSerializationException("the payload is null.", 0);
            reader.EnsureAtEnd();
            return value;
        }
        catch (ProcessSerializationException exception)
        {
            throw new ProcessSerializationException(
                $"the payload of event '{record.Name}' of process {processId} cannot be read: {exception.Message}", exception.Offset, exception.MemberPath, exception);
        }
    }
}
