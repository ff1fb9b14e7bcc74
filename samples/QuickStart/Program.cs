using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Processes.Ports;
using Processes.Sqlite;
using Census;

// QuickStart: a multi-step process that launches child tasks, checkpoints to the SQLite store (the
// recommended embedded store), is killed midway (a real OS process kill), is continued from its
// checkpoint and finishes with the same outputs as an uninterrupted run.
if (args is ["--crash-run", var storeDirectory])
{
    return await CrashRun.RunUntilKilledAsync(storeDirectory);
}

var census = new PrimeCensus { Limit = 400_000, ChunkSize = 20_000, Parallelism = 4 };

Console.WriteLine("1. Invalid inputs are refused before anything runs:");
try
{
    await using var refusing = new ProcessRuntime();
    await refusing.RunAsync(new PrimeCensus { Limit = 1, Parallelism = 0 });
}
catch (PortValidationException invalid)
{
    foreach (var error in invalid.Errors)
    {
        Console.WriteLine($"   {error.Path}: {error.Message}");
    }
}

Console.WriteLine();
Console.WriteLine("2. An uninterrupted run, in memory:");
PrimeCensus reference;
await using (var runtime = new ProcessRuntime())
{
    var handle = await runtime.LaunchAsync(census);
    handle.StateChanged += (_, change) => Console.WriteLine($"   {change.From} -> {change.To}");
    reference = await handle.WaitAsync();
}

Console.WriteLine($"   count = {reference.Count}, largest = {reference.Largest}, digest = {reference.Digest}");

var directory = Path.Combine(Path.GetTempPath(), "processes-quickstart-" + Environment.ProcessId);
try
{
    Console.WriteLine();
    Console.WriteLine($"3. The same census in a worker OS process, checkpointing to {Path.Combine(directory, CrashRun.DatabaseName)}:");
    var (processId, pid) = await CrashRun.StartAndKillMidwayAsync(directory);
    Console.WriteLine($"   killed worker process {pid} midway");

    await using var store = await SqliteCheckpointStore.OpenAsync(Path.Combine(directory, CrashRun.DatabaseName));
    var saved = (await store.LoadAsync(processId))!.Info;
    var children = (await store.ListAsync(CheckpointQuery.ForParent(processId))).Count;
    var lease = await store.GetLeaseAsync(processId);
    Console.WriteLine($"   last checkpoint of {saved.ProcessName}: {saved.State}, saved {saved.SavedAt:HH:mm:ss.fff}, {children} child checkpoints");
    Console.WriteLine($"   its lease is still held by the killed worker ({lease?.Owner}); that OS process is gone, so it is taken over at once");

    Console.WriteLine();
    Console.WriteLine("4. Continued from its checkpoint in this process:");
    await using var continuing = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
    var continued = await continuing.ContinueAsync<PrimeCensus>(processId);
    Console.WriteLine($"   resumed in state {continued.State} ({continued.Status.StatusMessage})");
    var result = await continued.WaitAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(2));
    Console.WriteLine($"   count = {result.Count}, largest = {result.Largest}, digest = {result.Digest}");

    var identical = result.Count == reference.Count && result.Largest == reference.Largest && result.Digest == reference.Digest;
    Console.WriteLine();
    Console.WriteLine(identical
        ? "The continued run finished with the same outputs as the uninterrupted run."
        : "MISMATCH: the continued run's outputs differ from the uninterrupted run.");
    return identical ? 0 : 1;
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>The worker side of the demo: a second OS process that runs the census until it is killed.</summary>
internal static class CrashRun
{
    public const string DatabaseName = "checkpoints.db";
    private const string LaunchedPrefix = "launched ";
    private const string ProgressPrefix = "progress ";

    /// <summary>Runs in the worker OS process: launches the census on the SQLite store and reports progress until killed.</summary>
    public static async Task<int> RunUntilKilledAsync(string storeDirectory)
    {
        await using var store = await SqliteCheckpointStore.OpenAsync(Path.Combine(storeDirectory, DatabaseName));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var handle = await runtime.LaunchAsync(new PrimeCensus { Limit = 400_000, ChunkSize = 20_000, Parallelism = 4, Throttle = 150 });
        Console.WriteLine(LaunchedPrefix + handle.Id);
        string? last = null;
        while (!handle.State.IsTerminal())
        {
            var message = handle.Status.StatusMessage;
            if (message != last)
            {
                Console.WriteLine(ProgressPrefix + message);
                last = message;
            }

            await Task.Delay(10);
        }

        return 0;
    }

    /// <summary>Starts the worker, lets it complete two batches, then kills it without warning.</summary>
    public static async Task<(ProcessId ProcessId, int Pid)> StartAndKillMidwayAsync(string storeDirectory)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--crash-run");
        start.ArgumentList.Add(storeDirectory);
        using var worker = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        ProcessId? processId = null;
        try
        {
            while (await worker.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(LaunchedPrefix, StringComparison.Ordinal))
                {
                    processId = ProcessId.Parse(line[LaunchedPrefix.Length..]);
                }
                else if (line.StartsWith(ProgressPrefix, StringComparison.Ordinal))
                {
                    Console.WriteLine("   worker: " + line[ProgressPrefix.Length..]);
                    if (line.Contains("batch 2 of", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync(CancellationToken.None);
        }

        return (processId ?? throw new InvalidOperationException("The worker never reported its process id."), worker.Id);
    }
}
