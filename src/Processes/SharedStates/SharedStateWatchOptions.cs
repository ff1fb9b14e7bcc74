using System;
using System.Collections.Generic;

namespace Processes;

/// <summary>What a watch of a shared state waits for (<see cref="ISharedStateClient.WaitForChangeAsync{TState}"/>).</summary>
public sealed record SharedStateWatchOptions
{
    /// <summary>The watch returns a change with a higher version; null: the version current when the watch starts (only future changes).</summary>
    public long? AfterVersion { get; init; }

    /// <summary>Buffered (the next change, none missed) or live (skip ahead to the newest); buffered by default.</summary>
    public SharedStateWatchMode Mode { get; init; } = SharedStateWatchMode.Buffered;

    /// <summary>Only changes that altered at least one of these members (C# member names) match; null or empty: any change.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    /// <summary>When false (the default), changes written by the watching client itself (same <see cref="ISharedStateClient.Writer"/>) do not match.</summary>
    public bool IncludeOwnChanges { get; init; }

    /// <summary>How long to wait for a matching change before <see cref="SharedStateWatchTimeoutException"/>; null: no limit (cancel the token instead).</summary>
    public TimeSpan? Timeout { get; init; }
}
