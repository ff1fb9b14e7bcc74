using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Processes.Tests.Runtime;

/// <summary>A scoped service that records which scope it lives in and when it is disposed.</summary>
public sealed class ScopedLedger : IAsyncDisposable
{
    public static readonly ConcurrentQueue<string> Events = new();

    public Guid Scope { get; } = Guid.NewGuid();

    public ValueTask DisposeAsync()
    {
        Events.Enqueue("disposed " + Scope);
        return default;
    }
}

/// <summary>A singleton the steps add to.</summary>
public sealed class Counter
{
    private int _value;

    public int Add(int amount) => System.Threading.Interlocked.Add(ref _value, amount);
}

/// <summary>Two steps, each resolving the scoped ledger twice and the singleton counter once.</summary>
[Process]
public partial class ServiceSteps
{
    [Input] public int Amount { get; init; } = 1;

    [Output] public int Total { get; private set; }

    private Guid _firstScope;

    private void DefineOutline(OutlineBuilder outline) => outline.Step(First).Step(Second);

    private void First(StepContext context)
    {
        var ledger = context.Services.GetRequiredService<ScopedLedger>();
        Assert.Same(ledger, context.Services.GetRequiredService<ScopedLedger>());
        _firstScope = ledger.Scope;
        ScopedLedger.Events.Enqueue("first " + ledger.Scope);
        context.Services.GetRequiredService<Counter>().Add(Amount);
    }

    private void Second(StepContext context)
    {
        var ledger = context.Services.GetRequiredService<ScopedLedger>();
        Assert.NotEqual(_firstScope, ledger.Scope);
        ScopedLedger.Events.Enqueue("second " + ledger.Scope);
        Total = context.Services.GetRequiredService<Counter>().Add(Amount);
    }

    private static class Assert
    {
        public static void Same(object expected, object actual)
        {
            if (!ReferenceEquals(expected, actual))
            {
                throw new InvalidOperationException("one scope gave two instances of a scoped service");
            }
        }

        public static void NotEqual(Guid unexpected, Guid actual)
        {
            if (unexpected == actual)
            {
                throw new InvalidOperationException("two steps shared a scope");
            }
        }
    }
}

/// <summary>A task whose body reads the counter (run inline by RunAsync).</summary>
[Task]
public partial class ServiceTask
{
    [Output] public int Seen { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        _ = context.Services.GetRequiredService<ScopedLedger>();
        Seen = context.Services.GetRequiredService<Counter>().Add(0);
        return default;
    }
}
