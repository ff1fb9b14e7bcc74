using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HostedWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processes;

// A Generic Host worker configured from appsettings.json ("Processes" section): a SQLite store,
// a worker pipe that clients and the `processes` CLI connect to, unfinished processes continued
// at start. Steps reach IPriceList through context.Services. Traces and metrics of the runtime go
// to the console exporter (docs/observability.md).
//   dotnet run --project samples/HostedWorker            serve until Ctrl+C
//   dotnet run --project samples/HostedWorker -- --demo  price one order in process and exit
//   ... -- --slow-order   also launch a slow order at start (one item a second), for `processes watch`
var demo = args.Contains("--demo");
var slowOrder = args.Contains("--slow-order");
// appsettings.json is read from beside the executable, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args.Where(arg => arg is not "--demo" and not "--slow-order").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
var scratch = Path.Combine(Path.GetTempPath(), "processes-hosted-worker-" + Guid.NewGuid().ToString("N"));
if (demo)
{
    // The demo leaves nothing behind and never collides with a running worker.
    builder.Configuration["Processes:Store:Path"] = Path.Combine(scratch, "checkpoints.db");
    builder.Configuration["Processes:Worker:PipeName"] = "processes-hosted-worker-" + Guid.NewGuid().ToString("N")[..8];
}

builder.Services.AddSingleton<IPriceList, FixedPriceList>();
builder.Services.AddProcesses(builder.Configuration.GetSection("Processes")).Register<PriceOrder>();
builder.Services.AddConsoleTelemetry();
using var host = builder.Build();

if (!demo)
{
    await host.StartAsync();
    if (slowOrder)
    {
        var slow = await host.Services.GetRequiredService<IProcessClient>().LaunchAsync(
            new PriceOrder { Items = ["apple", "bread", "cheese", "coffee", "apple", "bread", "cheese", "coffee", "apple", "bread"], DelayPerItemMs = 1000 },
            new LaunchOptions { Tags = ["slow-order"] });
        Console.WriteLine($"launched {slow.Id}");
    }

    // Ctrl+C or SIGTERM: the host stops; a running order is detached with its checkpoint and
    // continued at the next start (ContinueUnfinishedOnStart in appsettings.json).
    await host.WaitForShutdownAsync();
    return 0;
}

await host.StartAsync();
var client = host.Services.GetRequiredService<IProcessClient>();
var order = await client.RunAsync(new PriceOrder { Items = ["bread", "cheese", "coffee", "apple"] });
Console.WriteLine($"order total: {order.TotalCents / 100m:0.00}");
await host.StopAsync();
host.Dispose();
Directory.Delete(scratch, recursive: true);
return order.TotalCents == 2305 ? 0 : 1;
