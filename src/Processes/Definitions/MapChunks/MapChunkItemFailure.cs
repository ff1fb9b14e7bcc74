using System;

namespace Processes.Runtime;

/// <summary>Why one item of a map chunk failed, as the chunk's checkpoint keeps it.</summary>
/// <param name="State">How the item ended: excepted, killed or finished unsuccessfully.</param>
/// <param name="Id">The item's process id, when it had one.</param>
/// <param name="Error">The error of an excepted item.</param>
/// <param name="ExitCode">The exit code of an item that finished unsuccessfully.</param>
/// <param name="Message">The exit message or the kill message.</param>
/// <param name="FailedAt">When it failed.</param>
/// <param name="ChunkId">The chunk that ran it.</param>
internal sealed record MapChunkItemFailure(ProcessState State, ProcessId? Id, ProcessErrorInfo? Error, int? ExitCode, string? Message, DateTimeOffset FailedAt, ProcessId ChunkId)
{
    /// <summary>The exception the item threw, while the chunk runs in this OS process; not checkpointed.</summary>
    public Exception? Local { get; init; }

    public static MapChunkItemFailure From(Exception exception, DateTimeOffset now, ProcessId chunkId) => exception switch
    {
        ProcessExceptedException excepted => new(ProcessState.Excepted, excepted.ProcessId, excepted.Error, null, null, now, chunkId) { Local = excepted.InnerException ?? excepted },
        ProcessFinishedUnsuccessfullyException finished => new(ProcessState.Finished, finished.ProcessId, null, finished.ExitCode, finished.ExitMessage, now, chunkId) { Local = finished },
        ProcessKilledException killed => new(ProcessState.Killed, killed.ProcessId, null, null, killed.KillMessage, now, chunkId) { Local = killed },
        _ => new(ProcessState.Excepted, null, ProcessErrorInfo.From(exception), null, null, now, chunkId) { Local = exception },
    };

    /// <summary>The exception a run of the item alone would have thrown (a client's chunked <c>MapAsync</c> reports it).</summary>
    public Exception ToException(string itemName)
    {
        var id = Id ?? ChunkId;
        return State switch
        {
            ProcessState.Killed => new ProcessKilledException(id, itemName, Message),
            ProcessState.Finished => new ProcessFinishedUnsuccessfullyException(id, itemName, ExitCode ?? -1, Message),
            _ => new ProcessExceptedException(id, itemName, Error ?? new ProcessErrorInfo("Exception", "The item failed.", null), Local),
        };
    }

    /// <summary>The item's final status, as a fan-out child's failure carries it.</summary>
    public ProcessStatus ToStatus(string itemName) => new()
    {
        Id = Id ?? ChunkId,
        Name = itemName,
        State = State,
        Paused = false,
        CreatedAt = FailedAt,
        ParentId = ChunkId,
        ExitCode = ExitCode,
        ExitMessage = State == ProcessState.Finished ? Message : null,
        KillMessage = State == ProcessState.Killed ? Message : null,
        Error = Error,
    };
}
