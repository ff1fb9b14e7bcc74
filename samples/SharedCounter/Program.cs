using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Processes.Remote;
using SharedCounter;

// SharedCounter: a worker OS process owns a shared census; 8 tasks on it add 10,000 in total, one
// atomic update at a time, while a watcher here prints progress. The worker is killed (SIGKILL)
// midway and a new one started on the same store: every acknowledged update is kept, the tasks
// are run again and add only what is missing. Exits 0 when the final count is exactly 10,000.
// See docs/concepts/shared-state.md.
const int Tasks = 8;
const int Total = 10_000;

if (args is ["--worker", var pipeName, var storeDirectory])
{
    return await ServeAsync(pipeName, storeDirectory);
}

var directory = Path.Combine(Path.GetTempPath(), "processes-shared-counter-" + Guid.NewGuid().ToString("N"));
var pipe = "census-" + Guid.NewGuid().ToString("N")[..8];
Process? worker = null;
try
{
    Console.WriteLine($"1. A worker process owns the census; {Tasks} tasks on it add {Total:N0} in total:");
    worker = await StartWorkerAsync(pipe + "-a", directory);
    var currentPipe = pipe + "-a";
    using var finished = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    var watcher = WatchAsync(() => currentPipe, finished.Token);
    long killedAt;
    await using (var client = await ConnectAsync(currentPipe))
    {
        foreach (var task in NewTasks())
        {
            await client.LaunchAsync(task);
        }

        while ((killedAt = (await client.SharedStates.GetAsync<Census>("city")).State.Count) < Total * 2 / 5)
        {
            await Task.Delay(20);
        }
    }

    Console.WriteLine($"2. The worker is killed (SIGKILL) with the census at about {killedAt:N0}:");
    worker.Kill(entireProcessTree: true);
    await worker.WaitForExitAsync();

    Console.WriteLine("3. A new worker on the same store: the census is as its last acknowledged update left it; the tasks run again:");
    worker = await StartWorkerAsync(pipe + "-b", directory);
    currentPipe = pipe + "-b";
    await using (var client = await ConnectAsync(currentPipe))
    {
        var restarted = await client.SharedStates.GetAsync<Census>("city");
        Console.WriteLine($"   restarted at {restarted.State.Count:N0} (version {restarted.Version:N0}, every task's share: {restarted.State.AddedBy.Values.Sum():N0})");
        await Task.WhenAll(NewTasks().Select(task => client.RunAsync(task).AsTask()));
        var final = await client.SharedStates.GetAsync<Census>("city");
        await watcher;

        var right = final.State.Count == Total && final.State.AddedBy.Count == Tasks && final.State.AddedBy.Values.All(added => added == Total / Tasks)
            && restarted.State.Count >= killedAt && restarted.State.Count == restarted.State.AddedBy.Values.Sum();
        Console.WriteLine($"4. Final count {final.State.Count:N0} after {final.Version:N0} acknowledged updates: {(right ? "exactly right" : "WRONG")}.");
        return right ? 0 : 1;
    }
}
finally
{
    if (worker is { HasExited: false })
    {
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
    }

    foreach (var path in new[] { directory, directory + ".checkpoints" })
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}

static CountTask[] NewTasks() =>
    Enumerable.Range(1, Tasks).Select(index => new CountTask { Name = "task-" + index, Share = Total / Tasks }).ToArray();

// Prints the census at every thousand, watching live (a slow printer skips ahead, never falls
// behind); when the worker dies it reconnects to the new one and goes on after the last version seen.
static async Task WatchAsync(Func<string> pipe, CancellationToken cancellationToken)
{
    var shown = 0L;
    var after = 0L;
    while (shown < Total)
    {
        try
        {
            await using var client = await ConnectAsync(pipe());
            var options = new SharedStateWatchOptions { AfterVersion = after, Mode = SharedStateWatchMode.Live };
            await foreach (var change in client.SharedStates.WatchAsync<Census>("city", options, cancellationToken))
            {
                after = change.Version;
                if (change.State.Count / 1000 > shown / 1000 || change.State.Count == Total)
                {
                    shown = change.State.Count;
                    Console.WriteLine($"   watcher: {shown,6:N0} (version {change.Version:N0}, {change.SkippedChanges} change(s) skipped)");
                }

                if (shown >= Total)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is RemoteProtocolException or IOException or TimeoutException or ProcessException or ObjectDisposedException)
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}

static Task<ProcessClient> ConnectAsync(string pipe) =>
    ProcessClient.ConnectAsync(pipe, new ProcessClientOptions { ConnectTimeout = TimeSpan.FromSeconds(2) });

// The worker: owns the census (file store: each update on disk before it is acknowledged) and runs the tasks.
static async Task<int> ServeAsync(string pipeName, string storeDirectory)
{
    await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions
    {
        Store = new FileCheckpointStore(storeDirectory + ".checkpoints"),
        // One census worker at a time: a restarted one is the same owner, so it takes the census
        // back at once instead of waiting for the killed worker's ownership lease to lapse.
        SharedStates = new SharedStateOptions { Store = new FileSharedStateStore(storeDirectory), OwnerId = "census-worker" },
    });
    await using var server = new ProcessWorker(runtime, new ProcessWorkerOptions { PipeName = pipeName });
    await server.StartAsync();
    Console.WriteLine("ready");
    await Task.Delay(Timeout.Infinite);
    return 0;
}

static async Task<Process> StartWorkerAsync(string pipeName, string storeDirectory)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add("--worker");
    start.ArgumentList.Add(pipeName);
    start.ArgumentList.Add(storeDirectory);
    var process = Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
    var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
    return line == "ready" ? process : throw new InvalidOperationException($"The worker did not get ready: '{line}'.");
}
