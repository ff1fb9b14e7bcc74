using System;
using Microsoft.Extensions.DependencyInjection;

namespace Processes.Hosting;

/// <summary>Returned by <c>AddProcesses</c>: registers the process types the host serves and changes the options further.</summary>
public sealed class ProcessesBuilder
{
    internal ProcessesBuilder(IServiceCollection services) => Services = services;

    /// <summary>The container's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers <typeparamref name="TProcess"/> in the options' <see cref="ProcessesHostingOptions.Registry"/>,
    /// so the worker can launch it by name and the host can continue it from its checkpoint.
    /// </summary>
    public ProcessesBuilder Register<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess>
    {
        Services.Configure<ProcessesHostingOptions>(static options => options.Registry.Register<TProcess>());
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TPayload"/> (a <c>[PortNamespace]</c> type) as an event payload
    /// the worker reads from JSON (<c>processes raise ID EVENT --payload JSON --payload-type NAME</c>).
    /// </summary>
    public ProcessesBuilder RegisterEventPayload<TPayload>()
        where TPayload : Ports.IPortNamespace<TPayload>
    {
        Services.Configure<ProcessesHostingOptions>(static options => options.Registry.RegisterEventPayload<TPayload>());
        return this;
    }

    /// <summary>Changes the options after configuration was bound.</summary>
    public ProcessesBuilder Configure(Action<ProcessesHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
