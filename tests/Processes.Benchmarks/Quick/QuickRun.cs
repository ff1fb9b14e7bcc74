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
    /// <param name="onlyCases">Case ids to run (from <c>--only a,b</c>), or empty for all of them.</param>
    public static int Run(string aotFolder, IReadOnlyCollection<string> onlyCases)
    {
        var startedAt = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var logs = Path.Combine(RepositoryPaths.BenchArtifacts, "quick-logs");
        var runner = new PairRunner(logs);
        var cases = new (string Id, Func<CaseResult> Measure)[]
        {
            ("task-inproc", OverheadCases.TaskInProcess),
            ("process-steps", OverheadCases.ProcessSteps),
            ("checkpoint-codec", () => MeasuredCases.CheckpointCodec(runner)),
            ("codec-composite", CodecCases.Composite),
            ("codec-records", CodecCases.Records),
            ("codec-doubles", CodecCases.Doubles),
            ("codec-strings", CodecCases.Strings),
            ("remote-call", RemoteCases.RemoteCall),
            ("remote-throughput", RemoteCases.RemoteThroughput),
            ("shared-state-inproc", () => SharedStateCases.InProcess(runner)),
            ("shared-state-remote", () => SharedStateCases.Remote(runner)),
            ("aot-worker", () => RemoteCases.AotWorker(aotFolder, logs)),
            ("process-scale", ScaleCases.ProcessScale),
            ("store-scale", StoreCases.StoreScale),
            ("store-postgres", StoreCases.StorePostgres),
            ("broker-throughput", BrokerCases.BrokerThroughput),
            ("broker-call", BrokerCases.BrokerCall),
            ("pool-cpu", PoolCases.PoolCpu),
            ("pool-overhead", PoolCases.PoolOverhead),
            ("map", PoolCases.Map),
            // Last: it leaves the largest heap behind, which would disturb the microbenchmarks.
            ("build-cost", () => MeasuredCases.BuildCost(runner)),
        };
        var unknown = new List<string>();
        foreach (var id in onlyCases)
        {
            if (Array.FindIndex(cases, known => known.Id == id) < 0)
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown case id(s) after --only: {string.Join(", ", unknown)}. Known: {string.Join(", ", Array.ConvertAll(cases, known => known.Id))}.");
            return 2;
        }

        var results = new List<CaseResult>();
        foreach (var (id, measure) in cases)
        {
            if (onlyCases.Count == 0 || System.Linq.Enumerable.Contains(onlyCases, id))
            {
                results.Add(measure());
            }
        }

        clock.Stop();

        var machine = MachineDescription.Current();
        // A partial run must not overwrite the full table that docs/performance.md quotes.
        var jsonPath = Path.Combine(RepositoryPaths.BenchArtifacts, onlyCases.Count == 0 ? "quick.json" : "quick-partial.json");
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
