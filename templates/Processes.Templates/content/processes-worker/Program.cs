using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processes;

// A Generic Host worker configured from appsettings.json ("Processes" section): a SQLite store, a
// worker pipe that clients and the `processes` CLI connect to, unfinished processes continued at
// start. Ctrl+C or SIGTERM detaches running processes with their checkpoints.
//   dotnet run              serve until stopped
//   dotnet run -- --once    greet one name in process and exit
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args.Where(arg => arg != "--once").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddSingleton<IGreeter, Greeter>();
builder.Services.AddProcesses(builder.Configuration.GetSection("Processes")).Register<Greet>();
using var host = builder.Build();

if (args.Contains("--once"))
{
    await host.StartAsync();
    var greet = await host.Services.GetRequiredService<IProcessClient>().RunAsync(new Greet { Name = "world" });
    Console.WriteLine(greet.Text);
    await host.StopAsync();
    return;
}

await host.RunAsync();

/// <summary>A service the process's steps reach through <c>context.Services</c>.</summary>
public interface IGreeter
{
    string Greet(string name);
}

/// <summary>The default greeter.</summary>
public sealed class Greeter : IGreeter
{
    public string Greet(string name) => $"Hello, {name}!";
}

/// <summary>Greets someone; served by name on the worker pipe and continued after a restart.</summary>
[Process]
public partial class Greet
{
    /// <summary>Who to greet.</summary>
    [Input] public required string Name { get; init; }

    /// <summary>The greeting.</summary>
    [Output] public string Text { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(SayHello);

    private void SayHello(StepContext context) => Text = context.Services.GetRequiredService<IGreeter>().Greet(Name);
}
