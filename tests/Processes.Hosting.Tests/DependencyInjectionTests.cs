using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Processes.Hosting.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task A_task_body_reaches_a_registered_service_through_its_context()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IProcessClient>();
        var result = await client.RunAsync(new GreetTask { Name = "Ada" });
        Assert.Equal("Hello, Ada!", result.Greeting);
    }

    [Fact]
    public async Task Each_step_gets_its_own_scope_disposed_after_the_step()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IProcessClient>();
        var result = await client.RunAsync(new GreetProcess { Name = "Grace" }).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Hello, Grace!", result.Greeting);
        Assert.True(result.ScopesDiffer);
        lock (StepScope.Disposed)
        {
            Assert.True(StepScope.Disposed.Count >= 2);
        }
    }

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Greeter>();
        services.AddScoped<StepScope>();
        services.AddProcesses();
        return services.BuildServiceProvider();
    }
}
