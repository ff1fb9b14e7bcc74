using System;
using Microsoft.Extensions.Logging;

namespace Processes.RabbitMQ;

/// <summary>The worker's log messages (event ids 300–399).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "RabbitMQ worker {WorkerId} serves {ProcessNames} with {Slots} slots on {Connection}")]
    public static partial void Started(ILogger logger, string workerId, string processNames, int slots, RabbitMqConnectionOptions connection);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Took over {ProcessName} {ProcessId} from its last checkpoint (redelivered: {Redelivered})")]
    public static partial void TookOver(ILogger logger, string processName, ProcessId processId, bool redelivered);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "{ProcessName} {ProcessId} detached before terminating; its message goes back to the queue")]
    public static partial void Detached(ILogger logger, string processName, ProcessId processId, Exception? reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "{ProcessName} {ProcessId} is owned by another live runtime; its message goes back to the queue")]
    public static partial void OwnedElsewhere(ILogger logger, string processName, ProcessId processId);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "A {Kind} message of {ProcessName} {ProcessId} failed and is dropped")]
    public static partial void WorkFailed(ILogger logger, string kind, string processName, ProcessId processId, Exception exception);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "A malformed {Kind} message is dropped")]
    public static partial void Malformed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "The delivery of {ProcessId} predates a reconnect; the broker has requeued it")]
    public static partial void StaleDelivery(ILogger logger, ProcessId processId);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "The connection to the broker was lost ({Reason}); reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 308, Level = LogLevel.Information, Message = "Reconnected to the broker")]
    public static partial void Reconnected(ILogger logger);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "A {Kind} control call failed to be answered")]
    public static partial void ControlFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "The broker closed the work channel ({Reason}) while the connection stays open: this worker takes no more work until it is restarted")]
    public static partial void WorkChannelClosed(ILogger logger, string reason);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "{ProcessName} {ProcessId} parked to wait for children on other workers; its message is settled (acknowledged: {Acknowledged})")]
    public static partial void Parked(ILogger logger, string processName, ProcessId processId, bool acknowledged);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "{ProcessName} {ProcessId} ended but its parent {ParentId} could not be woken; its message goes back to the queue")]
    public static partial void WakeFailed(ILogger logger, string processName, ProcessId processId, ProcessId parentId, Exception exception);
}
