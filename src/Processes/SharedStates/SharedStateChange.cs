using System;
using System.Collections.Generic;

namespace Processes;

/// <summary>One change of a shared state, as a watcher sees it.</summary>
/// <typeparam name="TState">The state class.</typeparam>
/// <param name="Key">The state's key.</param>
/// <param name="Version">The version the change produced; wait after it for the next one.</param>
/// <param name="State">The state right after the change (a private copy).</param>
/// <param name="Writer">Who wrote the change (<see cref="ISharedStateClient.Writer"/>).</param>
/// <param name="ChangedMembers">The names of the members whose serialized value the change altered.</param>
/// <param name="UpdatedAt">When the change was written.</param>
/// <param name="SkippedChanges">
/// Live watches only: how many matching changes after the requested version were passed over to
/// return this newest one; always 0 for buffered watches.
/// </param>
/// <param name="HistoryTruncated">
/// Live watches only: the history no longer held every change after the requested version, so
/// this is the current state and <paramref name="ChangedMembers"/> lists every member (a buffered
/// watch throws <see cref="SharedStateHistoryTruncatedException"/> instead).
/// </param>
public sealed record SharedStateChange<TState>(
    string Key,
    long Version,
    TState State,
    string? Writer,
    IReadOnlyList<string> ChangedMembers,
    DateTimeOffset UpdatedAt,
    int SkippedChanges,
    bool HistoryTruncated)
    where TState : class, ISharedState<TState>;
