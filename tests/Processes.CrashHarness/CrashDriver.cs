using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Processes.CrashHarness;

/// <summary>What a run of trials found.</summary>
public sealed record CrashReport(int Trials, int Kills, int StepReruns, int ChildReruns, int WrongTotals, int MaxRerunsPerKill, IReadOnlyList<string> Problems)
{
    /// <summary>What else the run counted, printed after the rest (e.g. where the kills landed).</summary>
    public string? Note { get; init; }

    public override string ToString() =>
        $"{Trials} trials, {Kills} SIGKILLs: {StepReruns} step rerun(s), {ChildReruns} child rerun(s), {WrongTotals} wrong total(s), worst {MaxRerunsPerKill} rerun(s) for one kill; {Problems.Count} problem(s){(Note is null ? string.Empty : "; " + Note)}";
}

/// <summary>
/// Runs a <see cref="CrashSum"/> in a child OS process, kills it with SIGKILL at random moments
/// (fixed seed), continues it in a new child process each time, and reads the ledger to count
/// what ran more than once. The guarantees checked: no child starts again after it finished,
/// each kill reruns at most the step and the child that were running, and the total is right.
/// </summary>
public static class CrashDriver
{
    public const int Turns = 12;

    public static async Task<CrashReport> RunAsync(string harnessDll, string store, int trials, int seed, int killsPerTrial = 3)
    {
        var random = new Random(seed);
        var problems = new List<string>();
        int kills = 0, stepReruns = 0, childReruns = 0, wrong = 0, worst = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "processes-crash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                var ledger = Path.Combine(directory, "ledger.txt");
                var id = Guid.NewGuid();
                var trialKills = 0;
                string? done = null;
                for (var start = 0; done is null && start < killsPerTrial + 8; start++)
                {
                    var mode = start == 0 ? "launch" : "continue";
                    var killAfter = trialKills < killsPerTrial ? random.Next(5, 400) : -1;
                    var (output, killed) = await RunChildAsync(harnessDll, new[] { "child", mode, store, directory, id.ToString(), ledger }, killAfter);
                    if (killed)
                    {
                        trialKills++;
                        continue;
                    }

                    done = output.Split('\n').FirstOrDefault(line => line.StartsWith("done ", StringComparison.Ordinal));
                    if (done is null)
                    {
                        problems.Add($"trial {trial}: the {mode} process ended without a result: {output.Trim()}");
                        break;
                    }
                }

                kills += trialKills;
                var expected = Enumerable.Range(1, Turns).Sum(x => (long)x * x);
                if (done != $"done {expected}")
                {
                    wrong++;
                    problems.Add($"trial {trial}: expected 'done {expected}', got '{done}'");
                }

                var lines = File.Exists(ledger) ? File.ReadAllLines(ledger) : Array.Empty<string>();
                var steps = lines.Where(line => line.StartsWith("step-", StringComparison.Ordinal)).GroupBy(line => line).Sum(group => group.Count() - 1);
                var children = lines.Where(line => line.StartsWith("child-start", StringComparison.Ordinal)).GroupBy(line => line).Sum(group => group.Count() - 1);
                stepReruns += steps;
                childReruns += children;

                // A kill may land while a step and the child it just launched both run (the child
                // runs beside the step's checkpoint), so each kill may rerun one step and one
                // child. A child whose end was stored must never start again: its parent's Collect
                // of it runs only after the child's terminal checkpoint is saved.
                if (steps > trialKills || children > trialKills)
                {
                    problems.Add($"trial {trial}: {steps} step and {children} child rerun(s) for {trialKills} kill(s)");
                }

                var finished = new HashSet<string>();
                foreach (var line in lines)
                {
                    if (line.StartsWith("step-collect ", StringComparison.Ordinal))
                    {
                        finished.Add(line["step-collect ".Length..]);
                    }
                    else if (line.StartsWith("child-start ", StringComparison.Ordinal) && finished.Contains(line["child-start ".Length..]))
                    {
                        problems.Add($"trial {trial}: child {line["child-start ".Length..]} started again after it had finished");
                    }
                }

                worst = Math.Max(worst, trialKills == 0 ? 0 : (int)Math.Ceiling((steps + children) / (double)trialKills));
            }
            finally
            {
                TrialDirectory.Delete(directory);
            }
        }

        return new CrashReport(trials, kills, stepReruns, childReruns, wrong, worst, problems);
    }

    /// <summary>
    /// Two OS processes continue one paused process at the same moment, on one store. Exactly one
    /// may run it: the other waits for its lease and then finds it finished. Both must report the
    /// right total, and the ledger must show every step and child once.
    /// </summary>
    public static async Task<CrashReport> RunRacesAsync(string harnessDll, string store, int races)
    {
        var problems = new List<string>();
        var reruns = 0;
        for (var race = 0; race < races; race++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "processes-race-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                var ledger = Path.Combine(directory, "ledger.txt");
                var id = Guid.NewGuid().ToString();
                var (launched, _) = await RunChildAsync(harnessDll, new[] { "child", "launch-paused", store, directory, id, ledger }, -1);
                if (!launched.Contains("launched", StringComparison.Ordinal))
                {
                    problems.Add($"race {race}: the launch failed: {launched.Trim()}");
                    continue;
                }

                var contenders = Enumerable.Range(0, 2)
                    .Select(_ => RunChildAsync(harnessDll, new[] { "child", "continue", store, directory, id, ledger }, -1))
                    .ToArray();
                var outputs = await Task.WhenAll(contenders);
                var expected = "done " + Enumerable.Range(1, Turns).Sum(x => (long)x * x);
                foreach (var (output, _) in outputs)
                {
                    if (!output.Split('\n').Contains(expected))
                    {
                        problems.Add($"race {race}: a contender did not report '{expected}': {output.Trim()}");
                    }
                }

                var lines = File.ReadAllLines(ledger);
                var duplicates = lines.GroupBy(line => line).Sum(group => group.Count() - 1);
                reruns += duplicates;
                if (duplicates > 0)
                {
                    problems.Add($"race {race}: {duplicates} step or child line(s) appear twice: both contenders ran the process");
                }
            }
            finally
            {
                TrialDirectory.Delete(directory);
            }
        }

        return new CrashReport(races, 0, reruns, 0, 0, 0, problems);
    }

    internal static Task<(string Output, bool Killed)> RunChildAsync(string harnessDll, string[] arguments, int killAfterMilliseconds) =>
        RunChildAsync(harnessDll, arguments, killAfterMilliseconds < 0 ? null : () => Task.Delay(killAfterMilliseconds));

    /// <summary>Runs the harness as a child OS process; when <paramref name="killWhen"/> is given, SIGKILLs it once that task ends (counted from its start-up), unless it exited first.</summary>
    internal static async Task<(string Output, bool Killed)> RunChildAsync(string harnessDll, string[] arguments, Func<Task>? killWhen)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(harnessDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var child = Process.Start(info)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        if (killWhen is not null)
        {
            // Measured from when the child is ready to work, so kills land inside the run, not in start-up.
            var ready = await Task.WhenAny(WaitForReadyAsync(child), Task.Delay(30_000));
            await Task.WhenAny(killWhen(), child.WaitForExitAsync());
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true); // SIGKILL on Unix
                await child.WaitForExitAsync();
                return (await output + await errors, true);
            }
        }

        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung run is a finding, not a crash of the driver: report what it printed.
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            return (await output + await errors + "\n[the run hung for 2 minutes and was killed]", false);
        }

        return (await output + await errors, false);
    }

    // The child prints nothing before it is ready; a short delay stands in for its start-up.
    private static Task WaitForReadyAsync(Process child) => Task.Delay(150);
}
