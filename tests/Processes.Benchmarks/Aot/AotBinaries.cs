using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace Processes.Benchmarks.Aot;

/// <summary>
/// The two Native AOT programs of aot-worker: samples/Worker and the minimal program it is compared
/// with. Reuses binaries already in the AOT folder (CI's artifacts/aot, or `--aot-dir`), otherwise
/// publishes them there once with the flags CI uses (-f net8.0: this machine has no .NET 10
/// NativeAOT pack). Delete the folder to measure a newer worker.
/// </summary>
internal sealed record AotBinaries(string Worker, string MinimalProgram)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(4);

    public static string DefaultFolder => Path.Combine(RepositoryPaths.Root, "artifacts", "aot");

    /// <summary>Finds or publishes both binaries; throws with the publish log's path when a publish fails.</summary>
    public static AotBinaries FindOrPublish(string aotFolder, string logFolder)
    {
        var worker = FindOrPublish(Path.Combine("samples", "Worker", "Worker.csproj"), Path.Combine(aotFolder, "worker"), "Worker", logFolder);
        var minimal = FindOrPublish(
            Path.Combine("tests", "Processes.Benchmarks.MinimalAot", "Processes.Benchmarks.MinimalAot.csproj"),
            Path.Combine(aotFolder, "minimal"),
            "Processes.Benchmarks.MinimalAot",
            logFolder);
        return new AotBinaries(worker, minimal);
    }

    private static string FindOrPublish(string project, string outputFolder, string binaryName, string logFolder)
    {
        var binary = Path.Combine(outputFolder, OperatingSystem.IsWindows() ? binaryName + ".exe" : binaryName);
        if (File.Exists(binary))
        {
            Console.WriteLine($"aot-worker: reusing {binary} ({File.GetLastWriteTime(binary):yyyy-MM-dd HH:mm})");
            return binary;
        }

        Directory.CreateDirectory(logFolder);
        var log = Path.Combine(logFolder, $"publish-{binaryName}.log");
        Console.WriteLine($"aot-worker: publishing {project} with Native AOT (log: {log})");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-f", "net8.0", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", outputFolder })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        if (!publish.WaitForExit(PublishTimeout))
        {
            publish.Kill(entireProcessTree: true);
            publish.WaitForExit();
        }

        File.WriteAllText(log, output.Result + errors.Result);
        if (publish.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"Publishing {project} with Native AOT failed (exit code {publish.ExitCode}); see {log}.");
        }

        return binary;
    }
}
