using Microsoft.Extensions.ObjectPool;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>Pools checkpoint writers so a checkpoint per step reuses one buffer instead of allocating it.</summary>
internal sealed class WriterPoolPolicy : PooledObjectPolicy<ProcessWriter>
{
    // A writer that grew for one huge checkpoint is dropped, not kept alive by the pool.
    private const int MaximumRetainedBytes = 1024 * 1024;

    public override ProcessWriter Create() => new(4096);

    public override bool Return(ProcessWriter writer)
    {
        if (writer.Length > MaximumRetainedBytes)
        {
            writer.Dispose();
            return false;
        }

        writer.Reset();
        return true;
    }
}
