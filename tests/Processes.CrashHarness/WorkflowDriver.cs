using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.CrashHarness;

/// <summary>
/// Runs a <see cref="CrashWorkflow"/> in child OS processes killed with SIGKILL at random moments
/// (fixed seed). Between two runs, the driver raises the workflow's "go" event itself, into the
/// stored checkpoint (no OS process runs the workflow then). Checked: the total, no square child
/// started again after it finished, no retry attempt repeated once a later one started, and the
/// event taken exactly once.
/// </summary>
public static class WorkflowDriver
{
    public static async Task<CrashReport> RunAsync(string harnessDll, int trials, int seed, int killsPerTrial = 4)
    {
        var random = new Random(seed);
        var problems = new List<string>();
        int kills = 0, childReruns = 0, wrong = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "processes-workflow-crash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                var ledger = Path.Combine(directory, "ledger.txt");
                var id = new ProcessId(Guid.NewGuid());
                var trialKills = 0;
                var raised = false;
                string? done = null;
                var extraRuns = 0;
                for (var start = 0; done is null && start < killsPerTrial + 8; start++)
                {
                    var enoughKills = trialKills >= killsPerTrial;
                    if (start > 0 && !raised && (enoughKills || random.Next(3) == 0))
                    {
                        raised = await RaiseGoAsync(directory, id);
                    }

                    // The run left to finish needs the event; when it could not be raised yet (every
                    // kill came before the first checkpoint, e.g. on a slow machine), one more run
                    // is killed later and later until the workflow has a checkpoint to raise it into.
                    var last = enoughKills && raised;
                    var mode = start == 0 ? "launch" : "continue";
                    var killAfter = last ? -1 : random.Next(5, 700) + (enoughKills ? 1500 * ++extraRuns : 0);
                    var (output, killed) = await CrashDriver.RunChildAsync(harnessDll, new[] { "workflow-child", mode, directory, id.ToString(), ledger }, killAfter);
                    if (killed)
                    {
                        trialKills++;
                        continue;
                    }

                    done = output.Split('\n').FirstOrDefault(line => line.StartsWith("done ", StringComparison.Ordinal));
                    if (done is null)
                    {
                        problems.Add($"trial {trial}: the {mode} process ended without a result: {output.Trim()} {await DescribeAsync(directory, id, ledger)}");
                        break;
                    }
                }

                kills += trialKills;
                if (done != $"done {CrashWorkflow.Expected}")
                {
                    wrong++;
                    problems.Add($"trial {trial}: expected 'done {CrashWorkflow.Expected}', got '{done}'");
                }

                var lines = File.Exists(ledger) ? File.ReadAllLines(ledger) : Array.Empty<string>();
                childReruns += lines.Where(line => line.StartsWith("child-start", StringComparison.Ordinal)).GroupBy(line => line).Sum(group => group.Count() - 1);
                problems.AddRange(CheckLedger(trial, lines));
            }
            finally
            {
                TrialDirectory.Delete(directory);
            }
        }

        return new CrashReport(trials, kills, 0, childReruns, wrong, 0, problems);
    }

    private static IEnumerable<string> CheckLedger(int trial, string[] lines)
    {
        var summed = false;
        var latestAttempt = 0;
        foreach (var line in lines)
        {
            // The parent sums only after every square's end is stored: after that, none may start again.
            // (A square's own "done" line is written before its end is stored, so a kill in
            // between legitimately reruns it.)
            if (line == "step-sum")
            {
                summed = true;
            }
            else if (line.StartsWith("child-start ", StringComparison.Ordinal) && summed)
            {
                yield return $"trial {trial}: square {line["child-start ".Length..]} started again after the parent had summed the squares";
            }
            else if (line.StartsWith("flaky-attempt ", StringComparison.Ordinal))
            {
                var attempt = int.Parse(line["flaky-attempt ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                if (attempt < latestAttempt)
                {
                    yield return $"trial {trial}: retry attempt {attempt} ran after attempt {latestAttempt} had started";
                }

                latestAttempt = Math.Max(latestAttempt, attempt);
            }
        }

        if (latestAttempt < 2)
        {
            yield return $"trial {trial}: the flaky child never reached its second attempt";
        }
    }

    /// <summary>What the store and the ledger say about a workflow that did not end: for the report.</summary>
    private static async Task<string> DescribeAsync(string directory, ProcessId id, string ledger)
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(Path.Combine(directory, "checkpoints")) });
        var statuses = new List<string>();
        foreach (var info in await runtime.Store.ListAsync(new CheckpointQuery()))
        {
            var status = await runtime.GetStatusAsync(info.Id);
            statuses.Add($"{status.Name} {(status.Id == id ? "(root)" : string.Empty)} {status.State}{(status.Paused ? " paused" : string.Empty)} '{status.StatusMessage}'");
        }

        var tail = File.Exists(ledger) ? string.Join(" | ", File.ReadAllLines(ledger).TakeLast(12)) : "no ledger";
        return $"[stored: {string.Join("; ", statuses)}] [ledger: {tail}]";
    }

    /// <summary>Raises "go" into the stored workflow (its last OS process was killed: its lease is taken over). False when it has no checkpoint yet.</summary>
    private static async Task<bool> RaiseGoAsync(string directory, ProcessId id)
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(Path.Combine(directory, "checkpoints")) });
        try
        {
            var result = await runtime.RaiseEventAsync(id, "go");
            return result.Accepted;
        }
        catch (CheckpointNotFoundException)
        {
            return false;
        }
    }

    public static async Task<int> RunChildAsync(string mode, string directory, Guid id, string ledger)
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(Path.Combine(directory, "checkpoints")) });
        ProcessHandle<CrashWorkflow> handle;
        try
        {
            handle = mode == "launch"
                ? await Launch()
                : await runtime.ContinueAsync<CrashWorkflow>(new ProcessId(id), new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(40) });
        }
        catch (CheckpointNotFoundException)
        {
            handle = await Launch();
        }

        var result = await handle.WaitAsync();
        Console.WriteLine($"done {result.Total}");
        return 0;

        ValueTask<ProcessHandle<CrashWorkflow>> Launch() =>
            runtime.LaunchAsync(new CrashWorkflow { LedgerPath = ledger }, new LaunchOptions { Id = new ProcessId(id) });
    }
}
