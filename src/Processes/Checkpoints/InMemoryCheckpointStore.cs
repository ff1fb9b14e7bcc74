using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// Keeps checkpoints in memory: for tests, short-lived hosts and as the reference behaviour of
/// <see cref="ICheckpointStore"/>. Thread-safe. Saved data and tags are copied, so a caller that
/// reuses its buffer after <see cref="SaveAsync"/> cannot change what is stored.
/// </summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<ProcessId, Checkpoint> _checkpoints = new();

    /// <summary>The number of stored checkpoints.</summary>
    public int Count => _checkpoints.Count;

    /// <inheritdoc />
    public ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointValidation.Validate(checkpoint.Info);
        cancellationToken.ThrowIfCancellationRequested();

        // Copies: the caller keeps ownership of its buffer and its tag list (an empty array cannot change, so it needs no copy).
        var info = checkpoint.Info.Tags is string[] { Length: 0 } ? checkpoint.Info : checkpoint.Info with { Tags = checkpoint.Info.Tags.ToArray() };
        _checkpoints[info.Id] = new Checkpoint(info, checkpoint.Data.ToArray());
        return default;
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<Checkpoint?>(_checkpoints.TryGetValue(id, out var checkpoint) ? checkpoint : null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(string? tag = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<CheckpointInfo> infos = _checkpoints.Values
            .Select(checkpoint => checkpoint.Info)
            .Where(info => tag is null || info.HasTag(tag))
            .OrderBy(info => info.SavedAt)
            .ThenBy(info => info.Id.Value)
            .ToArray();
        return new ValueTask<IReadOnlyList<CheckpointInfo>>(infos);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<bool>(_checkpoints.TryRemove(id, out _));
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        cancellationToken.ThrowIfCancellationRequested();
        var deleted = 0;
        foreach (var entry in _checkpoints)
        {
            // Removing the exact entry seen means a checkpoint saved meanwhile (perhaps without
            // the tag) is never deleted by mistake.
            if (entry.Value.Info.HasTag(tag) && _checkpoints.TryRemove(entry))
            {
                deleted++;
            }
        }

        return new ValueTask<int>(deleted);
    }
}
