using System;
using System.Threading.Tasks;
using Processes;
using Processes.Benchmarks.Worker;
using Processes.Remote;

// The benchmarks' worker process: Processes.Benchmarks.Worker --pipe NAME
// Serves EchoTask and SpinTask on the pipe with default options (current user only, no secret, in-memory
// store), prints "ready" once clients can connect, and stops when its standard input closes:
// the benchmark that started it owns it.
if (args is not ["--pipe", var pipe])
{
    Console.Error.WriteLine("Usage: Processes.Benchmarks.Worker --pipe NAME");
    return 2;
}

ProcessRegistry.Global.Register<EchoTask>();
ProcessRegistry.Global.Register<SpinTask>();
await using var runtime = new ProcessRuntime();
await using var worker = new ProcessWorker(runtime, new ProcessWorkerOptions { PipeName = pipe });
await worker.StartAsync();
Console.Out.WriteLine("ready");
Console.Out.Flush();

// PROCESSES_WORKER_STATS=1: bytes allocated and gen 0 collections per second on standard error,
// for --throughput-loop's per-call figures of the worker side.
if (Environment.GetEnvironmentVariable("PROCESSES_WORKER_STATS") == "1")
{
    _ = Task.Run(async () =>
    {
        while (true)
        {
            var bytes = GC.GetTotalAllocatedBytes(precise: false);
            var collections = GC.CollectionCount(0);
            await Task.Delay(1000);
            Console.Error.WriteLine($"worker: {GC.GetTotalAllocatedBytes(precise: false) - bytes:N0} B allocated, {GC.CollectionCount(0) - collections} gen 0 collections in 1 s");
        }
    });
}

await Task.Run(() => Console.In.ReadToEnd());
await worker.StopAsync();
return 0;
