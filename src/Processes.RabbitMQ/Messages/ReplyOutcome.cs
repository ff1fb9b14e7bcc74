namespace Processes.RabbitMQ.Messages;

/// <summary>The first byte of every reply.</summary>
internal enum ReplyOutcome : byte
{
    /// <summary>The answer follows, in the pipe protocol's result layout for the call.</summary>
    Ok = 0,

    /// <summary>A typed error follows, in the pipe protocol's error layout.</summary>
    Error = 1,

    /// <summary>A wait reached a worker that does not run the process and has no terminal checkpoint of it: ask again later.</summary>
    NotRunning = 2,

    /// <summary>A wait's long poll ended with the process still running: ask again.</summary>
    StillRunning = 3,
}
