namespace Processes.RabbitMQ;

/// <summary>
/// A work message taken from a queue: its own copy of the body (the client library reuses its
/// buffer), the properties the answer needs, and the connection generation its delivery tag
/// belongs to (a tag from before a reconnect must never be acknowledged on the new connection).
/// </summary>
internal sealed record WorkDelivery(ulong DeliveryTag, long Generation, bool Redelivered, string Kind, string? ReplyTo, string? CorrelationId, byte[] Body);
