using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Census;
using Processes;
using Processes.Checkpoints;
using Processes.Remote;

// A worker: hosts a ProcessRuntime and serves it on a named pipe.
//   Worker --pipe NAME [--store DIRECTORY] [--stop-when-input-closes]
// The shared secret, if any, comes from the PROCESSES_WORKER_SECRET environment variable (never
// the command line, where other users could read it). Prints "ready" once clients can connect;
// stops cleanly on Ctrl+C or SIGTERM, and with --stop-when-input-closes also when its standard
// input closes (for a parent process that owns it). Exits with 3, without "ready", when another
// worker already serves the pipe name.
string? pipe = null, storeDirectory = null;
var stopWhenInputCloses = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--pipe" when i + 1 < args.Length: pipe = args[++i]; break;
        case "--store" when i + 1 < args.Length: storeDirectory = args[++i]; break;
        case "--stop-when-input-closes": stopWhenInputCloses = true; break;
        default: return Usage($"unknown or incomplete argument '{args[i]}'");
    }
}

if (pipe is null)
{
    return Usage("--pipe is required");
}

// The types this worker serves, registered before the first request can name them.
ProcessRegistry.Global.Register<PrimeCensus>().Register<CountPrimes>();

var secret = Environment.GetEnvironmentVariable("PROCESSES_WORKER_SECRET");
await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions
{
    Store = storeDirectory is null ? new InMemoryCheckpointStore() : new FileCheckpointStore(storeDirectory),
});
await using var worker = new ProcessWorker(runtime, new ProcessWorkerOptions
{
    PipeName = pipe,
    SharedSecret = string.IsNullOrEmpty(secret) ? null : Encoding.UTF8.GetBytes(secret),
});
try
{
    await worker.StartAsync();
}
catch (PipeNameInUseException exception)
{
    // Never "ready" on a name another worker serves: its clients would silently move here.
    Console.Error.WriteLine($"Worker: {exception.Message}");
    return 3;
}

Console.WriteLine("ready");

// Lives as long as the program: the exit handlers below may still run while it shuts down.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
if (stopWhenInputCloses)
{
    _ = Task.Run(() =>
    {
        Console.In.ReadToEnd();
        stop.Cancel();
    });
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Asked to stop.
}

await worker.StopAsync();
return 0;

static int Usage(string problem)
{
    Console.Error.WriteLine($"Worker: {problem}. Usage: Worker --pipe NAME [--store DIRECTORY] [--stop-when-input-closes] (secret in PROCESSES_WORKER_SECRET)");
    return 2;
}
