using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>Keeps checkpoints in memory.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<ProcessId, Checkpoint> _checkpoints = new();

    /// <inheritdoc />
    public ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        _checkpoints[checkpoint.Info.Id] = checkpoint with { Data = checkpoint.Data.ToArray() };
        return default;
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        new(_checkpoints.TryGetValue(id, out var checkpoint) ? checkpoint : null);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(string? tag = null, CancellationToken cancellationToken = default) =>
        new(_checkpoints.Values.Select(c => c.Info).Where(i => tag is null || i.Tags.Contains(tag)).ToList());

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        new(_checkpoints.TryRemove(id, out _));

    /// <inheritdoc />
    public ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var info in _checkpoints.Values.Select(c => c.Info).Where(i => i.Tags.Contains(tag)).ToList())
        {
            if (_checkpoints.TryRemove(info.Id, out _))
            {
                count++;
            }
        }

        return new(count);
    }
}
