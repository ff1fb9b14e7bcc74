using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Processes.CrashHarness;

/// <summary>
/// Retry by id under SIGKILL. Each trial runs a <see cref="CrashRetried"/> in a child OS process
/// until it ends Excepted (a step fails, or in odd trials a child the step started), writes the
/// fix, and retries it by id (<c>RetryAsync</c>) in a new OS process, which is SIGKILLed: once
/// while the retried step or child runs, once during the back-off of the retry policy of a child
/// started after the fix, once at a random moment. Each killed run is followed by another
/// <c>RetryAsync</c> in a new OS process (by then the checkpoint is Running, and the retry continues
/// it as usual) until one finishes. Checked: the total; nothing that finished before the failure
/// (the fan-out, its squares, the sum, and in child trials the step that started the child) runs
/// again; the fixed child never starts again once the parent read its result; no attempt of the
/// flaky child is repeated once a later one started.
/// </summary>
public static class RetryDriver
{
    public static async Task<CrashReport> RunAsync(string harnessDll, string store, int trials, int seed)
    {
        var random = new Random(seed);
        var problems = new List<string>();
        int kills = 0, backOffKills = 0, childReruns = 0, stepReruns = 0, wrong = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "processes-retry-crash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            try
            {
                var ledger = Path.Combine(directory, "ledger.txt");
                var fix = Path.Combine(directory, "fixed");
                var id = Guid.NewGuid().ToString();
                var failInChild = trial % 2 == 1 ? "child" : "step";
                string[] Arguments(string mode) => new[] { "retry-child", mode, store, directory, id, ledger, fix, failInChild };

                var (launched, _) = await CrashDriver.RunChildAsync(harnessDll, Arguments("launch"), killWhen: null);
                if (!launched.Contains("excepted ", StringComparison.Ordinal))
                {
                    problems.Add($"trial {trial}: the first run did not end Excepted: {launched.Trim()}");
                    continue;
                }

                await File.WriteAllTextAsync(fix, "fixed");
                Ledger.Append(ledger, "retry-begin");

                // The planned kills: in the retried step or child, in the flaky child's back-off, at random.
                var failing = failInChild == "child" ? "fixable-start" : "step-risky";
                var plan = new Queue<Func<int, Task>>(new Func<int, Task>[]
                {
                    seen => AfterLineAsync(ledger, seen, failing, random.Next(0, 25)),
                    seen => AfterLineAsync(ledger, seen, "flaky-attempt 1", random.Next(10, 90)),
                    _ => Task.Delay(random.Next(5, 500)),
                });
                string? done = null;
                for (var run = 0; done is null && run < 12; run++)
                {
                    var seen = LineCount(ledger);
                    var kill = plan.Count > 0 ? plan.Dequeue() : null;
                    var (output, killed) = await CrashDriver.RunChildAsync(harnessDll, Arguments("retry"), kill is null ? null : () => kill(seen));
                    if (killed)
                    {
                        kills++;
                        if (File.ReadAllLines(ledger).LastOrDefault() == "flaky-attempt 1")
                        {
                            backOffKills++;
                        }

                        continue;
                    }

                    done = output.Split('\n').FirstOrDefault(line => line.StartsWith("done ", StringComparison.Ordinal));
                    if (done is null)
                    {
                        problems.Add($"trial {trial} ({failInChild}): a retry run ended without a result: {output.Trim()}");
                        break;
                    }
                }

                if (done != $"done {CrashRetried.Expected}")
                {
                    wrong++;
                    problems.Add($"trial {trial} ({failInChild}): expected 'done {CrashRetried.Expected}', got '{done}'");
                }

                var lines = File.ReadAllLines(ledger);
                var (steps, children) = CheckLedger(trial, failInChild == "child", lines, problems);
                stepReruns += steps;
                childReruns += children;
            }
            finally
            {
                TrialDirectory.Delete(directory);
            }
        }

        if (trials > 0 && backOffKills == 0)
        {
            problems.Add("no kill landed during the flaky child's back-off: the scenario did not test it");
        }

        return new CrashReport(trials, kills, stepReruns, childReruns, wrong, 0, problems) { Note = $"{backOffKills} kill(s) during a retry back-off" };
    }

    /// <summary>Counts the finished work that ran again after the retry began (each one a problem) and checks the flaky child's attempts.</summary>
    private static (int StepReruns, int ChildReruns) CheckLedger(int trial, bool failInChild, string[] lines, List<string> problems)
    {
        var begin = Array.IndexOf(lines, "retry-begin");
        var before = lines[..begin];
        var after = lines[(begin + 1)..];
        if (before.Any(line => line.StartsWith("flaky-", StringComparison.Ordinal) || line == "step-flaky"))
        {
            problems.Add($"trial {trial}: the process went past its failure before it was retried");
        }

        // Finished before the failure, so never again: the fan-out, its squares and the sum (and, when
        // the child failed, the step that started it: the parent failed waiting for the child).
        var finished = new List<string> { "step-fan", "step-sum" };
        if (failInChild)
        {
            finished.Add("step-risky");
        }

        var steps = after.Count(line => finished.Contains(line));
        var children = after.Count(line => line.StartsWith("child-start ", StringComparison.Ordinal));
        if (steps + children > 0)
        {
            problems.Add($"trial {trial}: {steps} step(s) and {children} square(s) that finished before the failure ran again after the retry: {string.Join(" | ", after)}");
        }

        var read = false;
        var latestAttempt = 0;
        foreach (var line in after)
        {
            if (line == "step-flaky")
            {
                read = true;
            }
            else if (line == "fixable-start" && read)
            {
                problems.Add($"trial {trial}: the fixed child started again after the parent had read its result");
                children++;
            }
            else if (line.StartsWith("flaky-attempt ", StringComparison.Ordinal))
            {
                var attempt = int.Parse(line["flaky-attempt ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                if (attempt < latestAttempt)
                {
                    problems.Add($"trial {trial}: retry attempt {attempt} ran after attempt {latestAttempt} had started");
                }

                latestAttempt = Math.Max(latestAttempt, attempt);
            }
        }

        if (latestAttempt < 2)
        {
            problems.Add($"trial {trial}: the flaky child never reached its second attempt");
        }

        return (steps, children);
    }

    private static int LineCount(string ledger) => File.Exists(ledger) ? File.ReadAllLines(ledger).Length : 0;

    /// <summary>Ends <paramref name="delayMilliseconds"/> after <paramref name="line"/> appears in the ledger below its first <paramref name="seen"/> lines.</summary>
    private static async Task AfterLineAsync(string ledger, int seen, string line, int delayMilliseconds)
    {
        while (!File.ReadAllLines(ledger).Skip(seen).Contains(line))
        {
            await Task.Delay(2);
        }

        await Task.Delay(delayMilliseconds);
    }

    public static async Task<int> RunChildAsync(string mode, string store, string directory, Guid id, string ledger, string fix, bool failInChild)
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = await CrashStores.OpenAsync(store, directory) });
        IProcessClient client = runtime;
        if (mode == "launch")
        {
            var launched = await client.LaunchAsync(new CrashRetried { LedgerPath = ledger, FixPath = fix, FailInChild = failInChild }, new LaunchOptions { Id = new ProcessId(id) });
            try
            {
                var unexpected = await launched.WaitAsync();
                Console.WriteLine($"done {unexpected.Total}");
            }
            catch (ProcessExceptedException excepted)
            {
                Console.WriteLine($"excepted {excepted.Error.Message}");
            }

            return 0;
        }

        // Every run after the fix retries by id: the first turns the Excepted checkpoint into a
        // runnable one; after a kill the checkpoint is Running and the retry continues it as usual.
        // A kill after the retried run finished but before it printed leaves a Finished
        // checkpoint, which a retry refuses (nothing failed): its outputs are read as they are.
        IProcessHandle<CrashRetried> handle;
        try
        {
            handle = await client.RetryAsync<CrashRetried>(new ProcessId(id));
        }
        catch (InvalidStateTransitionException refused) when (refused.From == ProcessState.Finished)
        {
            handle = await client.ContinueAsync<CrashRetried>(new ProcessId(id));
        }

        var result = await handle.WaitAsync();
        Console.WriteLine($"done {result.Total}");
        return 0;
    }
}
