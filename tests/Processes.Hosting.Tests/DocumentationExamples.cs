// The C# blocks of docs/hosting.md, compiled here: DocumentationTests checks that each block of the
// page appears in this file verbatim, and runs them.
namespace Docs.Hosting
{
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processes;

public interface IExchangeRates
{
    Task<decimal> RateAsync(string from, string to);
}

/// <summary>Converts an amount; the rate comes from a service in the container.</summary>
[Task]
public partial class Convert
{
    [Input] public required double Amount { get; init; }
    [Input] public required string From { get; init; }
    [Input] public required string To { get; init; }
    [Output] public double Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        // A scope per task body (and per process step): scoped services live for this call only.
        var rates = context.Services.GetRequiredService<IExchangeRates>();
        Result = Amount * (double)await rates.RateAsync(From, To);
    }
}

public static class HostSetup
{
    public static IHost Build(string[] args, IExchangeRates rates)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSingleton(rates);
        builder.Services
            .AddProcesses(builder.Configuration.GetSection("Processes"))
            .Register<Convert>();     // served by name on the worker pipe, continued at start
        return builder.Build();
    }
}
}
