using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Processes;
using Processes.Checkpoints;
using Processes.Hosting;

// The conventional namespace for container extensions, so `services.AddProcesses()` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Processes.Sdk in a service container.</summary>
public static class ProcessesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime (as <see cref="ProcessRuntime"/> and <see cref="IProcessClient"/>,
    /// singletons), the checkpoint store (unless an <see cref="ICheckpointStore"/> is already
    /// registered), and a hosted service that serves the worker pipe when one is configured,
    /// continues unfinished processes when asked, and on stop detaches running processes, which
    /// keep their checkpoints. Steps and task bodies reach the container's services through
    /// their context. Options come from <paramref name="configure"/> only.
    /// </summary>
    public static ProcessesBuilder AddProcesses(this IServiceCollection services, Action<ProcessesHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddCore(services, section: null, configure);
    }

    /// <summary>
    /// As <see cref="AddProcesses(IServiceCollection, Action{ProcessesHostingOptions}?)"/>, with the
    /// options bound from <paramref name="configuration"/>: the <c>Processes</c> section itself
    /// (<c>configuration.GetSection("Processes")</c>), then changed by <paramref name="configure"/>.
    /// A bad key or value fails the host's start with a <see cref="ProcessesConfigurationException"/> naming the key.
    /// </summary>
    public static ProcessesBuilder AddProcesses(this IServiceCollection services, IConfiguration configuration, Action<ProcessesHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, configuration, configure);
    }

    private static ProcessesBuilder AddCore(IServiceCollection services, IConfiguration? section, Action<ProcessesHostingOptions>? configure)
    {
        services.AddOptions();
        if (section is not null)
        {
            services.AddSingleton<IConfigureOptions<ProcessesHostingOptions>>(new ConfigureOptions<ProcessesHostingOptions>(options => ProcessesConfiguration.Bind(section, options)));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ProcessesHostingOptions>, ValidateProcessesOptions>());
        services.TryAddSingleton<ICheckpointStore>(static provider => CheckpointStores.Create(provider.GetRequiredService<IOptions<ProcessesHostingOptions>>().Value));
        services.TryAddSingleton(static provider => CreateRuntime(provider));
        services.TryAddSingleton<IProcessClient>(static provider => provider.GetRequiredService<ProcessRuntime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProcessesHostedService>());
        return new ProcessesBuilder(services);
    }

    private static ProcessRuntime CreateRuntime(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ProcessesHostingOptions>>().Value;
        return new ProcessRuntime(new ProcessRuntimeOptions
        {
            Store = provider.GetRequiredService<ICheckpointStore>(),
            Registry = options.Registry,
            LoggerFactory = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System,
            KeepCheckpointsOfFinishedRuns = options.Retention.KeepCheckpointsOfFinishedRuns,
            OwnerId = options.OwnerId,
            LeaseDuration = options.LeaseDuration,
            // Steps and task bodies reach the container through context.Services, a scope per body.
            Services = provider,
        });
    }

    /// <summary>Checks the options once they are complete (configuration and callbacks applied).</summary>
    private sealed class ValidateProcessesOptions : IPostConfigureOptions<ProcessesHostingOptions>
    {
        public void PostConfigure(string? name, ProcessesHostingOptions options) => ProcessesConfiguration.Validate(options);
    }
}
