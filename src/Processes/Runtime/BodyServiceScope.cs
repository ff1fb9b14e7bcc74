using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Processes.Runtime;

/// <summary>
/// The services one step or task body sees through <see cref="ProcessContext.Services"/>: a DI
/// scope of the runtime's <see cref="ProcessRuntimeOptions.Services"/>, created the first time the
/// body asks (a body that never asks costs nothing) and disposed when the body returns, so scoped
/// services (a DbContext, a unit of work) live exactly as long as one step.
/// </summary>
internal sealed class BodyServiceScope
{
    private readonly IServiceProvider _root;
#if NET9_0_OR_GREATER
    private readonly System.Threading.Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private AsyncServiceScope? _scope;
    private bool _disposed;

    private BodyServiceScope(IServiceProvider root) => _root = root;

    /// <summary>A scope over <paramref name="runtime"/>'s services; throws when the runtime has none.</summary>
    public static BodyServiceScope For(ProcessRuntime runtime, string processName) =>
        new(runtime.Services ?? throw new InvalidOperationException(
            $"{processName} asked for context.Services, but its runtime has no services: set ProcessRuntimeOptions.Services (AddProcesses in Processes.Sdk.Hosting does)."));

    /// <summary>The scoped provider (the root provider itself when it cannot create scopes).</summary>
    public IServiceProvider Provider
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_scope is { } scope)
                {
                    return scope.ServiceProvider;
                }

                if (_root.GetService(typeof(IServiceScopeFactory)) is not IServiceScopeFactory factory)
                {
                    return _root;
                }

                _scope = factory.CreateAsyncScope();
                return _scope.Value.ServiceProvider;
            }
        }
    }

    /// <summary>Ends the scope and disposes its scoped services.</summary>
    public ValueTask DisposeAsync()
    {
        AsyncServiceScope? scope;
        lock (_gate)
        {
            _disposed = true;
            scope = _scope;
            _scope = null;
        }

        return scope?.DisposeAsync() ?? default;
    }
}
