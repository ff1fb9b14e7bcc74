using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Processes.Hosting.Tests;

/// <summary>An application service a step uses: a greeting with a per-scope counter.</summary>
public sealed class Greeter
{
    public string Greet(string name) => $"Hello, {name}!";
}

/// <summary>A scoped service: one per step or task body; records that it was disposed.</summary>
public sealed class StepScope : System.IDisposable
{
    public static readonly List<StepScope> Disposed = [];

    public void Dispose()
    {
        lock (Disposed)
        {
            Disposed.Add(this);
        }
    }
}

/// <summary>A task whose body takes a service from the container.</summary>
[Task]
public partial class GreetTask
{
    [Input] public required string Name { get; init; }

    [Output] public string Greeting { get; private set; } = "";

    private ValueTask RunAsync(TaskContext context)
    {
        Greeting = context.Services.GetRequiredService<Greeter>().Greet(Name);
        return default;
    }
}

/// <summary>A process whose steps take services from the container, one scope per step.</summary>
[Process]
public partial class GreetProcess
{
    [Transient] private StepScope? _firstScope;

    [Input] public required string Name { get; init; }

    [Output] public string Greeting { get; private set; } = "";

    [Output] public bool ScopesDiffer { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(First).Step(Second);

    private void First(StepContext context)
    {
        _firstScope = context.Services.GetRequiredService<StepScope>();
        Greeting = context.Services.GetRequiredService<Greeter>().Greet(Name);
    }

    private void Second(StepContext context) =>
        ScopesDiffer = !ReferenceEquals(_firstScope, context.Services.GetRequiredService<StepScope>());
}
