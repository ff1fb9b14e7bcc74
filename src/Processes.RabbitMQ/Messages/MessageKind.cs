namespace Processes.RabbitMQ.Messages;

/// <summary>What a message asks for: its AMQP <c>type</c> property.</summary>
internal static class MessageKind
{
    public const string Launch = "launch";
    public const string Continue = "continue";
    public const string Wait = "wait";
    public const string Status = "status";
    public const string Pause = "pause";
    public const string Play = "play";
    public const string Kill = "kill";
    public const string List = "list";
    public const string PauseAll = "pause-all";
    public const string PlayAll = "play-all";
    public const string KillAll = "kill-all";
    public const string RaiseEvent = "raise-event";

    /// <summary>A raise whose payload is UTF-8 JSON, read and validated by the worker as the named payload type.</summary>
    public const string RaiseEventJson = "raise-event-json";

    /// <summary>True for both kinds of raise (they share one body).</summary>
    public static bool IsRaiseEvent(string kind) => kind is RaiseEvent or RaiseEventJson;
    public const string Reply = "reply";

    /// <summary>A shared state read (the pipe's SharedStateGet payload).</summary>
    public const string StateGet = "state-get";

    /// <summary>A shared state compare-and-set of a delegate update (the pipe's SharedStateReplace payload).</summary>
    public const string StateReplace = "state-replace";

    /// <summary>A declared shared state operation (the pipe's SharedStateApply payload).</summary>
    public const string StateApply = "state-apply";

    /// <summary>One long poll of a shared state watch (the pipe's SharedStateWait payload).</summary>
    public const string StateWait = "state-wait";
    public const string StatusChanged = "status-changed";
}
