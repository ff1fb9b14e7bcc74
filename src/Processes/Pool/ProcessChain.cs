using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>
/// Tasks (or processes) that run one after another on one worker slot, in the order added; the
/// first failure stops the chain (<see cref="ProcessChainFailedException"/>). Run it with
/// <see cref="ProcessPool.RunChainAsync"/>.
/// <code>
/// var result = await pool.RunChainAsync(new ProcessChain().Then(new Fetch { Url = url }).Then(new Index { Url = url }));
/// var fetched = result.Get&lt;Fetch&gt;(0);
/// </code>
/// </summary>
public sealed class ProcessChain
{
    private readonly List<ChainLink> _links = new();

    /// <summary>How many tasks the chain holds.</summary>
    public int Count => _links.Count;

    internal IReadOnlyList<ChainLink> Links => _links;

    /// <summary>Adds a task to run after those added before; its inputs are validated now.</summary>
    public ProcessChain Then<TProcess>(TProcess process)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        System.ArgumentNullException.ThrowIfNull(process);
        ProcessPool.ThrowIfInvalid(process);
        _links.Add(new ChainLink<TProcess>(process));
        return this;
    }
}

/// <summary>One task of a chain, with its type captured so the chain needs no type information.</summary>
internal abstract class ChainLink
{
    public abstract string Name { get; }

    public abstract Task<object> RunAsync(ProcessClient client, CancellationToken cancellationToken);
}

internal sealed class ChainLink<TProcess> : ChainLink
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly TProcess _process;

    public ChainLink(TProcess process) => _process = process;

    public override string Name => TProcess.Descriptor.Name;

    public override async Task<object> RunAsync(ProcessClient client, CancellationToken cancellationToken) =>
        await client.RunAsync(_process, cancellationToken).ConfigureAwait(false);
}
