using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary><see cref="ProcessContext.Services"/>: the application's services, a scope per step or task body.</summary>
[Collection(nameof(ServicesTests))]
public sealed class ServicesTests
{
    private static ServiceProvider Provider() => new ServiceCollection()
        .AddScoped<ScopedLedger>()
        .AddSingleton<Counter>()
        .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

    [Fact]
    public async Task Each_step_gets_its_own_scope_which_is_disposed_when_the_step_returns()
    {
        ScopedLedger.Events.Clear();
        await using var services = Provider();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Services = services });

        var result = await runtime.RunAsync(new ServiceSteps { Amount = 5 });

        Assert.Equal(10, result.Total);
        var events = ScopedLedger.Events.ToArray();
        Assert.Equal(4, events.Length);
        var first = events[0]["first ".Length..];
        var second = events[2]["second ".Length..];
        Assert.Equal(["first " + first, "disposed " + first, "second " + second, "disposed " + second], events);
    }

    [Fact]
    public async Task A_task_run_inline_reaches_services_and_its_scope_is_disposed()
    {
        ScopedLedger.Events.Clear();
        await using var services = Provider();
        services.GetRequiredService<Counter>().Add(7);
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Services = services });

        Assert.Equal(7, (await runtime.RunAsync(new ServiceTask())).Seen);
        Assert.Single(ScopedLedger.Events, entry => entry.StartsWith("disposed ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_services_a_body_that_asks_for_them_fails_with_a_message_that_says_how_to_set_them()
    {
        await using var runtime = new ProcessRuntime();
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new ServiceSteps()));
        Assert.Contains("ProcessRuntimeOptions.Services", failure.Error.Message, StringComparison.Ordinal);
    }
}
