using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Cluster;
using Processes;
using Processes.Checkpoints;
using Processes.RabbitMQ;

// The cluster sample: its own RabbitMQ node, three worker OS processes (this program started again
// with --worker), 50 jobs that each launch child tasks, one worker killed with SIGKILL mid-run.
// Exits 0 only when every job finishes with the outputs of an in-process run and no child whose
// end was stored ran again.
if (args is ["--worker", var workerName, var workerPort, var workerStore, var workerLedger])
{
    return await WorkerMode.RunAsync(workerName, int.Parse(workerPort, CultureInfo.InvariantCulture), workerStore, workerLedger);
}

const int Jobs = 50;
const int ChildrenPerJob = 6;
if (!LocalRabbitMq.Installed)
{
    Console.Error.WriteLine("rabbitmq-server is not installed; run `bash scripts/install-servers.sh rabbitmq` first.");
    return 2;
}

var clock = Stopwatch.StartNew();
var root = Path.Combine(Path.GetTempPath(), "processes-cluster-" + Guid.NewGuid().ToString("N")[..8]);
var store = Path.Combine(root, "store");
var ledger = Path.Combine(root, "ledger.txt");
Directory.CreateDirectory(store);
var workers = new List<Process>();
try
{
    await using var broker = await LocalRabbitMq.StartAsync(Path.Combine(root, "rabbitmq"));
    Console.WriteLine($"broker: 127.0.0.1:{broker.Port} ({clock.Elapsed.TotalSeconds:F1} s)");
    for (var i = 1; i <= 3; i++)
    {
        workers.Add(await StartWorkerAsync("w" + i, broker.Port, store, ledger));
    }

    Console.WriteLine($"workers: {string.Join(", ", workers.Select(w => w.Id))} ({clock.Elapsed.TotalSeconds:F1} s)");
    var jobs = Enumerable.Range(0, Jobs).Select(i => new Job { Name = "job" + i, Children = ChildrenPerJob, First = i, ChildDelayMs = 40 }).ToArray();
    await using var client = await RabbitMqProcessClient.ConnectAsync(new RabbitMqClientOptions { Connection = new RabbitMqConnectionOptions { Port = broker.Port, Prefix = "cluster" } });
    var ids = new List<ProcessId>();
    foreach (var job in jobs)
    {
        ids.Add(await client.SubmitAsync(job));
    }

    // SIGKILL the second worker once the cluster is well into the run.
    while (File.Exists(ledger) ? File.ReadLines(ledger).Count(line => line.Contains(" collect ", StringComparison.Ordinal)) < Jobs * ChildrenPerJob / 4 : true)
    {
        await Task.Delay(20);
    }

    workers[1].Kill();
    await workers[1].WaitForExitAsync(); // reaped: its leases now name a dead process, which the others take over at once
    Console.WriteLine($"killed w2 (pid {workers[1].Id}) with SIGKILL ({clock.Elapsed.TotalSeconds:F1} s)");
    var results = await Task.WhenAll(ids.Select(id => client.GetHandle<Job>(id).WaitAsync().AsTask()));
    Console.WriteLine($"all {Jobs} jobs finished ({clock.Elapsed.TotalSeconds:F1} s)");

    // The reference: the same jobs in this process.
    await using var local = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
    var expected = await Task.WhenAll(jobs.Select(job => local.RunAsync(job).AsTask()));
    var wrong = results.Zip(expected).Count(pair => pair.First.Total != pair.Second.Total);

    // A line is "job child-start|collect x worker"; a SIGKILL can only cut the ledger between lines.
    var lines = File.ReadAllLines(ledger).Select(line => line.Split(' ')).Where(line => line.Length == 4).ToArray();
    var collected = new HashSet<string>(StringComparer.Ordinal);
    var rerunAfterCollect = 0;
    foreach (var line in lines)
    {
        var child = line[0] + " " + line[2];
        if (line[1] == "collect")
        {
            collected.Add(child);
        }
        else if (line[1] == "child-start" && collected.Contains(child))
        {
            rerunAfterCollect++;
        }
    }

    var takeovers = lines.Where(line => line[1] == "collect").GroupBy(line => line[0]).Count(group => group.Select(line => line[3]).Distinct().Count() > 1);
    foreach (var worker in new[] { workers[0], workers[2] })
    {
        worker.StandardInput.Close();
    }

    foreach (var (worker, name) in new[] { (workers[0], "w1"), (workers[1], "w2"), (workers[2], "w3") })
    {
        var steps = lines.Count(line => line[1] == "collect" && line[3] == name);
        var counts = name == "w2" ? "killed" : (await worker.StandardOutput.ReadLineAsync())?.Split(' ') is [var taken, var takenOver] ? $"{taken} messages taken, {takenOver} redelivered launches continued from a checkpoint" : "?";
        Console.WriteLine($"  {name}: {steps} collect steps; {counts}");
    }

    Console.WriteLine($"jobs whose steps ran on two workers: {takeovers}; wrong totals: {wrong}; completed children run again: {rerunAfterCollect}; time {clock.Elapsed.TotalSeconds:F1} s");
    return wrong == 0 && rerunAfterCollect == 0 && results.Length == Jobs ? 0 : 1;
}
finally
{
    foreach (var worker in workers)
    {
        if (!worker.HasExited)
        {
            worker.Kill(entireProcessTree: true);
        }

        worker.Dispose();
    }

    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // A file a dying worker still held: the OS's temp cleanup takes it.
    }
}

static async Task<Process> StartWorkerAsync(string name, int port, string store, string ledger)
{
    var self = Environment.ProcessPath!;
    var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
        ? new ProcessStartInfo(self) { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Cluster.dll") } }
        : new ProcessStartInfo(self);
    foreach (var argument in new[] { "--worker", name, port.ToString(CultureInfo.InvariantCulture), store, ledger })
    {
        start.ArgumentList.Add(argument);
    }

    start.UseShellExecute = false;
    start.RedirectStandardInput = true;
    start.RedirectStandardOutput = true;
    var process = Process.Start(start)!;
    if (await process.StandardOutput.ReadLineAsync() != "ready")
    {
        throw new InvalidOperationException($"worker {name} did not start");
    }

    return process;
}
