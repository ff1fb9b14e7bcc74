using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using Processes.Runtime;

namespace Processes;

// [SingleInstance] in one runtime: at most one live top-level process per type and key. A duplicate
// launch joins the live one or is refused, as the type declares (the pool and RabbitMQ workers
// keep the same rule across their workers).
public sealed partial class ProcessRuntime
{
    private readonly ConcurrentDictionary<(string Type, string Key), ProcessExecution> _instances = new();

    /// <summary>
    /// Claims <paramref name="execution"/>'s key when its type is single-instance. Returns null
    /// when it may launch (it holds the key until it ends or is detached), or the live holder to
    /// join; throws <see cref="DuplicateProcessException"/> when the type rejects duplicates.
    /// </summary>
    private ProcessExecution? ClaimInstance(ProcessExecution execution)
    {
        if (execution.Descriptor.Concurrency is not { SingleInstance: true } limits)
        {
            return null;
        }

        var slot = (execution.Name, execution.ConcurrencyKey() ?? string.Empty);
        while (true)
        {
            if (_instances.TryAdd(slot, execution))
            {
                _ = ReleaseInstanceWhenDoneAsync(slot, execution);
                return null;
            }

            if (!_instances.TryGetValue(slot, out var holder))
            {
                continue;
            }

            if (holder.IsCompleted || holder.IsDetached)
            {
                // Ended, and its release has not run yet: the key is free.
                _instances.TryRemove(new KeyValuePair<(string, string), ProcessExecution>(slot, holder));
                continue;
            }

            return limits.OnDuplicate == DuplicatePolicy.Join
                ? holder
                : throw new DuplicateProcessException(execution.Name, slot.Item2, holder.Id);
        }
    }

    /// <summary>Gives a claimed key back at once (a launch that failed before it started).</summary>
    private void ReleaseInstance(ProcessExecution execution)
    {
        if (execution.Descriptor.Concurrency is { SingleInstance: true })
        {
            _instances.TryRemove(new KeyValuePair<(string, string), ProcessExecution>((execution.Name, execution.ConcurrencyKey() ?? string.Empty), execution));
        }
    }

    private async Task ReleaseInstanceWhenDoneAsync((string Type, string Key) slot, ProcessExecution execution)
    {
        await execution.Completion.ConfigureAwait(false);
        _instances.TryRemove(new KeyValuePair<(string, string), ProcessExecution>(slot, execution));
    }
}
