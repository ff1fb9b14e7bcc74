using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Processes.Benchmarks.Cases;
using Processes.Benchmarks.Quick;

namespace Processes.Benchmarks.RemoteSizes;

/// <summary>
/// `--remote-sizes`: remote-call's pair (typed proxy to a worker process vs raw pipe echo) at each
/// payload size of <see cref="RemoteLatencyBySizeBenchmarks.Sizes"/>; writes
/// artifacts/bench/remote-latency.json and the chart docs/images/remote-latency.png (via an SVG
/// converted by rsvg-convert, which must be installed: apt-get install librsvg2-bin).
/// </summary>
internal static class RemoteLatencySweep
{
    private static readonly TimeSpan ConvertTimeout = TimeSpan.FromMinutes(1);

    public static int Run()
    {
        var startedAt = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var runner = new PairRunner(Path.Combine(RepositoryPaths.BenchArtifacts, "remote-sizes-logs"));
        var points = runner
            .RunPerParameter(
                typeof(RemoteLatencyBySizeBenchmarks),
                nameof(RemoteCallBenchmarks.RunEchoTaskOnWorker),
                nameof(RemoteCallBenchmarks.RawEchoOverPipe),
                nameof(RemoteLatencyBySizeBenchmarks.PayloadBytes),
                RemoteLatencyBySizeBenchmarks.Sizes,
                QuickJobs.Micro)
            .Select(result => new LatencyPoint(result.Value, result.Pair.Ours.MedianNanoseconds, result.Pair.Baseline.MedianNanoseconds, result.Pair.Ours.AllocatedBytesPerOperation))
            .ToList();
        clock.Stop();

        var machine = MachineDescription.Current();
        var jsonPath = Path.Combine(RepositoryPaths.BenchArtifacts, "remote-latency.json");
        RemoteLatencyJson.Write(jsonPath, startedAt, clock.Elapsed, machine, points);
        var svgPath = Path.Combine(RepositoryPaths.BenchArtifacts, "remote-latency.svg");
        File.WriteAllText(svgPath, RemoteLatencyChart.Render(points, $"{startedAt:yyyy-MM-dd}, {machine.LogicalCores} cores, {machine.Runtime}"));
        var pngPath = Path.Combine(RepositoryPaths.Root, "docs", "images", "remote-latency.png");
        var converted = ConvertToPng(svgPath, pngPath);

        Console.WriteLine();
        Console.WriteLine($"Remote latency by payload size, {startedAt:yyyy-MM-dd HH:mm zzz} on {machine}; took {clock.Elapsed.TotalSeconds:0} s; median per call.");
        Console.WriteLine();
        Console.WriteLine("| payload | typed proxy to worker | raw pipe echo | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var point in points)
        {
            Console.WriteLine($"| {LatencyPoint.SizeLabel(point.PayloadBytes)} | {Format.Duration(point.RemoteNanoseconds)} | {Format.Duration(point.RawNanoseconds)} | {Format.Ratio(point.Ratio)} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Written to {jsonPath} and {svgPath}" + (converted ? $"; chart {pngPath}" : "; no PNG (rsvg-convert missing or failed)"));
        return converted ? 0 : 1;
    }

    private static bool ConvertToPng(string svgPath, string pngPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        var start = new ProcessStartInfo("rsvg-convert") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "--format", "png", "--background-color", "white", "--output", pngPath, svgPath })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var convert = Process.Start(start);
            if (convert is null)
            {
                return false;
            }

            var errors = convert.StandardError.ReadToEndAsync();
            if (!convert.WaitForExit(ConvertTimeout))
            {
                convert.Kill(entireProcessTree: true);
                return false;
            }

            Console.Error.Write(errors.Result);
            return convert.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed.
            return false;
        }
    }
}

/// <summary>One payload size: median time per call of each side, and the client's bytes allocated per remote call.</summary>
internal sealed record LatencyPoint(int PayloadBytes, double RemoteNanoseconds, double RawNanoseconds, long? RemoteAllocatedBytes)
{
    public double Ratio => RemoteNanoseconds / RawNanoseconds;

    public static string SizeLabel(int bytes) => bytes >= 1024 ? $"{bytes / 1024} KiB" : $"{bytes} B";
}
