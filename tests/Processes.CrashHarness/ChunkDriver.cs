using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Processes.CrashHarness;

/// <summary>
/// A chunked map (<see cref="CrashChunkedMap"/>: 10 chunk children of 6 items, 2 at once) in
/// child OS processes SIGKILLed at random moments mid-map and continued in new ones. Checked: the
/// total (results in item order); a kill reruns at most the chunks that were running (the bound,
/// 2), never a chunk that had finished; no chunk starts after the parent summed.
/// </summary>
public static class ChunkDriver
{
    public static async Task<CrashReport> RunAsync(string harnessDll, string store, int trials, int seed, int killsPerTrial = 3)
    {
        var random = new Random(seed);
        var problems = new List<string>();
        int kills = 0, midMapKills = 0, chunkReruns = 0, wrong = 0, worst = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "processes-chunk-crash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                var ledger = Path.Combine(directory, "ledger.txt");
                var id = Guid.NewGuid().ToString();
                var trialKills = 0;
                string? done = null;
                for (var run = 0; done is null && run < killsPerTrial + 8; run++)
                {
                    var mode = run == 0 ? "launch" : "continue";
                    // The first kill of a trial waits for some chunks to finish (mid-map, whatever the
                    // machine's speed); the others land at random moments.
                    var seen = File.Exists(ledger) ? File.ReadAllLines(ledger).Length : 0;
                    var (chunksBeforeKill, delay) = (random.Next(1, 7), random.Next(0, 25));
                    Func<Task>? kill = trialKills >= killsPerTrial ? null
                        : trialKills == 0 ? () => AfterChunksAsync(ledger, seen, chunksBeforeKill, delay)
                        : () => Task.Delay(random.Next(20, 350));
                    var (output, killed) = await CrashDriver.RunChildAsync(harnessDll, new[] { "chunk-child", mode, store, directory, id, ledger }, kill);
                    if (killed)
                    {
                        trialKills++;
                        var sofar = File.Exists(ledger) ? File.ReadAllLines(ledger) : Array.Empty<string>();
                        var finishedChunks = sofar.Where(line => line.StartsWith("chunk-done ", StringComparison.Ordinal)).Distinct().Count();
                        if (finishedChunks > 0 && finishedChunks < CrashChunkedMap.Items / CrashChunkedMap.ChunkSize)
                        {
                            midMapKills++; // some chunks finished, some not: the interesting case
                        }

                        continue;
                    }

                    done = output.Split('\n').FirstOrDefault(line => line.StartsWith("done ", StringComparison.Ordinal));
                    if (done is null)
                    {
                        problems.Add($"trial {trial}: the {mode} run ended without a result: {output.Trim()}");
                        break;
                    }
                }

                kills += trialKills;
                if (done != $"done {CrashChunkedMap.Expected}")
                {
                    wrong++;
                    problems.Add($"trial {trial}: expected 'done {CrashChunkedMap.Expected}', got '{done}'");
                }

                var lines = File.Exists(ledger) ? File.ReadAllLines(ledger) : Array.Empty<string>();
                var reruns = lines.Where(line => line.StartsWith("chunk-start ", StringComparison.Ordinal)).GroupBy(line => line).Sum(group => group.Count() - 1);
                chunkReruns += reruns;
                worst = Math.Max(worst, trialKills == 0 ? 0 : (int)Math.Ceiling(reruns / (double)trialKills));
                if (reruns > trialKills * CrashChunkedMap.Parallelism)
                {
                    problems.Add($"trial {trial}: {reruns} chunk rerun(s) for {trialKills} kill(s): finished chunks ran again");
                }

                var summed = Array.IndexOf(lines, "step-sum");
                if (summed >= 0 && lines.Skip(summed).Any(line => line.StartsWith("chunk-start ", StringComparison.Ordinal)))
                {
                    problems.Add($"trial {trial}: a chunk started again after the parent had summed them");
                }
            }
            finally
            {
                TrialDirectory.Delete(directory);
            }
        }

        if (trials > 0 && midMapKills == 0)
        {
            problems.Add("no kill landed mid-map (some chunks finished, some not): the scenario did not test it");
        }

        return new CrashReport(trials, kills, 0, chunkReruns, wrong, worst, problems) { Note = $"{midMapKills} kill(s) mid-map" };
    }

    /// <summary>Ends <paramref name="delayMilliseconds"/> after <paramref name="chunks"/> chunks finished below the ledger's first <paramref name="seen"/> lines.</summary>
    private static async Task AfterChunksAsync(string ledger, int seen, int chunks, int delayMilliseconds)
    {
        while ((File.Exists(ledger) ? File.ReadAllLines(ledger) : Array.Empty<string>()).Skip(seen).Count(line => line.StartsWith("chunk-done ", StringComparison.Ordinal)) < chunks)
        {
            await Task.Delay(2);
        }

        await Task.Delay(delayMilliseconds);
    }

    public static async Task<int> RunChildAsync(string mode, string store, string directory, Guid id, string ledger)
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = await CrashStores.OpenAsync(store, directory) });
        ProcessHandle<CrashChunkedMap> handle;
        try
        {
            handle = mode == "launch"
                ? await Launch()
                : await runtime.ContinueAsync<CrashChunkedMap>(new ProcessId(id), new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(40) });
        }
        catch (CheckpointNotFoundException)
        {
            handle = await Launch();
        }

        var result = await handle.WaitAsync();
        Console.WriteLine($"done {result.Total}");
        return 0;

        ValueTask<ProcessHandle<CrashChunkedMap>> Launch() =>
            runtime.LaunchAsync(new CrashChunkedMap { LedgerPath = ledger }, new LaunchOptions { Id = new ProcessId(id) });
    }
}
