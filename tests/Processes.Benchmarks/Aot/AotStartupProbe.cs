using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Census;
using Processes.Benchmarks.Remote;
using Processes.Remote;

namespace Processes.Benchmarks.Aot;

/// <summary>
/// aot-worker's timing: a native worker's start → "ready" → connect → first RunAsync answered,
/// against the minimal native program's start → exit. Process start-up is a one-shot cost that
/// BenchmarkDotNet's in-process loop cannot repeat, so this alternates fresh processes of each
/// and takes medians (the first pair warms the file cache and is not counted). The minimal
/// program's start-to-exit is 2–4 ms, so a few milliseconds of scheduler noise on a shared
/// machine move one sample by 2×: 29 pairs keep the median steady (they take about a second).
/// </summary>
internal static class AotStartupProbe
{
    public const int MeasuredRuns = 29;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<(double WorkerMedianNanoseconds, double MinimalMedianNanoseconds)> MeasureAsync(AotBinaries binaries)
    {
        var worker = new List<double>();
        var minimal = new List<double>();
        for (var run = 0; run <= MeasuredRuns; run++)
        {
            var minimalTime = await StartToExitAsync(binaries.MinimalProgram);
            var workerTime = await StartToFirstServedCallAsync(binaries.Worker);
            if (run > 0)
            {
                minimal.Add(minimalTime.TotalNanoseconds);
                worker.Add(workerTime.TotalNanoseconds);
            }
        }

        return (Median(worker), Median(minimal));
    }

    private static async Task<TimeSpan> StartToExitAsync(string program)
    {
        var clock = Stopwatch.StartNew();
        using var process = OwnedProcess.Start(program, []);
        await process.WaitForExitAsync(Timeout);
        clock.Stop();
        return process.ExitCode == 0 ? clock.Elapsed : throw new InvalidOperationException($"{program} exited with code {process.ExitCode}.");
    }

    private static async Task<TimeSpan> StartToFirstServedCallAsync(string worker)
    {
        var pipe = PipeNames.New("aot");
        var clock = Stopwatch.StartNew();
        using var process = await OwnedProcess.StartServerAsync(worker, ["--pipe", pipe, "--stop-when-input-closes"], Timeout);
        await using var client = await ProcessClient.ConnectAsync(pipe);
        var counted = await client.RunAsync(new CountPrimes { From = 0, To = 10 });
        clock.Stop();
        // 2, 3, 5, 7: a wrong answer would mean the timed call was not the served one.
        return counted.Count == 4 ? clock.Elapsed : throw new InvalidOperationException($"The AOT worker counted {counted.Count} primes below 10.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
