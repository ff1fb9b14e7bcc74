using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Processes;
using Processes.Pool;

namespace PoolSample;

/// <summary>The demo: starts the pool, sends the work, kills a worker midway, and checks every promise.</summary>
internal static class Demo
{
    private const int Workers = 4;
    private const int Tasks = 2_000;
    private const int TallyLaunches = 50;
    private const int Ledgers = 5;
    private const int Entries = 200;
    private const int HighPriority = 0;
    private const int LowPriority = 1;

    public static async Task<int> RunAsync()
    {
        var store = Path.Combine(Path.GetTempPath(), "pool-sample-" + Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        try
        {
            await using var pool = await ProcessPool.StartAsync(Options(store));
            Console.WriteLine($"{Workers} workers ready in {clock.Elapsed.TotalSeconds:0.0} s");

            // The keyed process first: 50 launches over 5 ledgers; each duplicate joins its ledger's tally.
            var tallies = new List<(string Ledger, IProcessHandle<Tally> Handle)>();
            for (var i = 0; i < TallyLaunches; i++)
            {
                var ledger = "ledger-" + (i % Ledgers);
                tallies.Add((ledger, await pool.LaunchAsync(new Tally { Ledger = ledger, Entries = Entries })));
            }

            // 2,000 tasks, high and low priority interleaved; each records when it finished.
            var finished = 0;
            var ranks = new int[Tasks];
            var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = Enumerable.Range(0, Tasks).Select(async i =>
            {
                var x = 1_000 + i;
                var square = await pool.RunAsync(new Square { X = x }, i % 2 == 0 ? HighPriority : LowPriority);
                ranks[i] = Interlocked.Increment(ref finished);
                if (ranks[i] == Tasks / 3)
                {
                    killed.TrySetResult(KillBusiestWorker(pool));
                }

                return square.Result == (long)x * x;
            }).ToList();

            var allRight = (await Task.WhenAll(runs)).All(right => right);
            var victim = await killed.Task;
            var joinedRight = true;
            var idsPerLedger = new Dictionary<string, HashSet<ProcessId>>();
            foreach (var (ledger, handle) in tallies)
            {
                joinedRight &= (await handle.WaitAsync()).Total == (long)Entries * (Entries + 1) / 2;
                (idsPerLedger.TryGetValue(ledger, out var ids) ? ids : idsPerLedger[ledger] = new HashSet<ProcessId>()).Add(handle.Id);
            }

            var high = Enumerable.Range(0, Tasks).Where(i => i % 2 == 0).Average(i => ranks[i]);
            var low = Enumerable.Range(0, Tasks).Where(i => i % 2 == 1).Average(i => ranks[i]);
            var oncePerKey = idsPerLedger.Count == Ledgers && idsPerLedger.Values.All(ids => ids.Count == 1);
            var status = pool.GetStatus();

            Console.WriteLine($"killed worker process {victim} (SIGKILL) after {Tasks / 3} tasks; restarts now: {status.Workers.Sum(worker => worker.Restarts)}");
            Console.WriteLine($"{Tasks} tasks: every result right: {allRight}");
            Console.WriteLine($"average finish rank: high priority {high:0}, low priority {low:0}");
            Console.WriteLine($"{TallyLaunches} tally launches over {Ledgers} ledgers: {idsPerLedger.Values.Sum(ids => ids.Count)} ran, totals right: {joinedRight}");
            Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:0.0} s");

            var ok = allRight && joinedRight && oncePerKey && high < low;
            Console.WriteLine(ok ? "OK" : "FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(store))
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }

    private static ProcessPoolOptions Options(string store)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        // The workers are this program: run by dotnet (dotnet Pool.dll) or as its own executable.
        var self = Environment.ProcessPath!;
        string[] program = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [Environment.GetCommandLineArgs()[0]] : [];
        return new ProcessPoolOptions
        {
            WorkerFileName = self,
            WorkerArguments = [.. program, "--worker", "--pipe", ProcessPoolOptions.PipeNameToken, "--store", store],
            WorkerEnvironment = new Dictionary<string, string> { [WorkerRole.SecretVariable] = Convert.ToBase64String(secret) },
            SharedSecret = secret,
            WorkerCount = Workers,
            SlotsPerWorker = 4,
            PipeNamePrefix = "poolsample",
        };
    }

    /// <summary>Kills the worker with the most taken slots with SIGKILL, as a crash would; returns its OS process id.</summary>
    private static int KillBusiestWorker(ProcessPool pool)
    {
        var busiest = pool.GetStatus().Workers.OrderByDescending(worker => worker.Running).First();
        using var process = Process.GetProcessById(busiest.OsProcessId!.Value);
        process.Kill();
        return busiest.OsProcessId.Value;
    }
}
