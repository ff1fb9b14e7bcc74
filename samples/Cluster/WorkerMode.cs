using System;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Processes.RabbitMQ;

namespace Cluster;

/// <summary>The sample re-launched with <c>--worker NAME PORT STORE LEDGER</c>: one worker OS process of the cluster.</summary>
internal static class WorkerMode
{
    public static async Task<int> RunAsync(string name, int port, string store, string ledger)
    {
        Ledger.Path = ledger;
        Ledger.WorkerName = name;
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(store) });
        await using var worker = new RabbitMqWorker(runtime, new RabbitMqWorkerOptions
        {
            Connection = new RabbitMqConnectionOptions { Port = port, Prefix = "cluster" },
            Slots = 6,
            ChildrenOnAnyWorker = true,
        });
        await worker.StartAsync();
        Console.WriteLine("ready");

        // Runs until the driver closes stdin (or kills this process).
        await Task.Run(Console.In.ReadToEnd);
        await worker.DrainAsync();
        Console.WriteLine($"{worker.ProcessesTaken} {worker.ProcessesTakenOver}");
        return 0;
    }
}
