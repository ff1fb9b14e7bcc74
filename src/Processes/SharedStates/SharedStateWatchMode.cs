namespace Processes;

/// <summary>Which change a watch returns when several happened since the requested version.</summary>
public enum SharedStateWatchMode
{
    /// <summary>
    /// The first matching change after the requested version, so a watcher that always asks after
    /// the version it last saw misses none. When the bounded history no longer holds the changes
    /// right after the requested version, the watch throws <see cref="SharedStateHistoryTruncatedException"/>.
    /// </summary>
    Buffered = 0,

    /// <summary>
    /// The newest matching change after the requested version: changes in between are skipped
    /// (counted in <see cref="SharedStateChange{TState}.SkippedChanges"/>). Never fails for a
    /// truncated history: it returns the current state marked <see cref="SharedStateChange{TState}.HistoryTruncated"/>.
    /// </summary>
    Live = 1,
}
