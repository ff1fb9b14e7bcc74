using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// `--quick`: every case in one short run, then one markdown table on the console and the same
/// results in artifacts/bench/quick.json.
/// </summary>
internal static class QuickRun
{
    /// <param name="aotFolder">Where aot-worker finds (or publishes) its native binaries.</param>
    public static int Run(string aotFolder)
    {
        var startedAt = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var logs = Path.Combine(RepositoryPaths.BenchArtifacts, "quick-logs");
        var runner = new PairRunner(logs);
        var results = new List<CaseResult>
        {
            MeasuredCases.TaskInProcess(runner),
            MeasuredCases.ProcessSteps(runner),
            MeasuredCases.CheckpointCodec(runner),
            RemoteCases.RemoteCall(runner),
            RemoteCases.RemoteThroughput(runner),
            RemoteCases.AotWorker(aotFolder, logs),
            // Last: it leaves the largest heap behind, which would disturb the microbenchmarks.
            MeasuredCases.BuildCost(runner),
        };
        clock.Stop();

        var machine = MachineDescription.Current();
        var jsonPath = Path.Combine(RepositoryPaths.BenchArtifacts, "quick.json");
        QuickJsonReport.Write(jsonPath, startedAt, clock.Elapsed, machine, results);

        Console.WriteLine();
        Console.WriteLine($"Quick run of {startedAt:yyyy-MM-dd HH:mm zzz} on {machine}; took {clock.Elapsed.TotalSeconds:0} s; time = median per operation.");
        Console.WriteLine();
        Console.Write(MarkdownTable.Render(results));
        Console.WriteLine();
        Console.WriteLine($"Written to {jsonPath}");
        return 0;
    }
}
