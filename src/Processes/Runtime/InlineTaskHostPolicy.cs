using Microsoft.Extensions.ObjectPool;

namespace Processes.Runtime;

/// <summary>Creates and cleans pooled inline task hosts.</summary>
internal sealed class InlineTaskHostPolicy : PooledObjectPolicy<InlineTaskHost>
{
    public override InlineTaskHost Create() => new();

    public override bool Return(InlineTaskHost host)
    {
        host.Unbind();
        return true;
    }
}
