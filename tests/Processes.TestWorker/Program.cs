using System;
using System.Text;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Processes.Remote;
using Processes.TestProcesses;
using Processes.TestWorker;

// Usage: Processes.TestWorker --pipe NAME [--secret TEXT] [--store DIRECTORY] [--keep-finished-runs]
// Prints "ready" on stdout once clients can connect; runs until stdin closes or the process is killed.
const string Usage = "Usage: Processes.TestWorker --pipe NAME [--secret TEXT] [--store DIRECTORY] [--keep-finished-runs]";
string? pipe = null, secret = null, store = null;
var keepFinishedRuns = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--keep-finished-runs")
    {
        keepFinishedRuns = true;
        continue;
    }

    if (i + 1 >= args.Length)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    switch (args[i])
    {
        case "--pipe": pipe = args[++i]; break;
        case "--secret": secret = args[++i]; break;
        case "--store": store = args[++i]; break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}

if (pipe is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

TestProcessCatalog.Register();
using var loggerFactory = new StderrLoggerFactory();
await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions
{
    Store = store is null ? new InMemoryCheckpointStore() : new FileCheckpointStore(store),
    LoggerFactory = loggerFactory,
    KeepCheckpointsOfFinishedRuns = keepFinishedRuns,
    // A worker restarted on the same store is the same owner of its shared states (it takes them back at once).
    SharedStates = new SharedStateOptions { Store = store is null ? null : new FileSharedStateStore(store + ".shared-states"), OwnerId = store is null ? null : "test-worker:" + store },
});
await using var worker = new ProcessWorker(runtime, new ProcessWorkerOptions
{
    PipeName = pipe,
    SharedSecret = secret is null ? null : Encoding.UTF8.GetBytes(secret),
    LoggerFactory = loggerFactory,
});
await worker.StartAsync();
Console.Out.WriteLine("ready");
Console.Out.Flush();

// The test harness keeps stdin open; closing it asks for a clean stop.
await Task.Run(() => Console.In.ReadToEnd());
await worker.StopAsync();
return 0;
