using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// Where the benchmarks' helper programs were built: the same configuration as this assembly
/// (the project file records the folder), each in its own output folder with its own runtime
/// configuration, so they start exactly as a user's worker would.
/// </summary>
internal static class BenchmarkExecutables
{
    public static string Worker => Find("Processes.Benchmarks.Worker");

    public static string RawEchoServer => Find("Processes.Benchmarks.RawEchoServer");

    private static string Find(string project)
    {
        var outputFolder = typeof(BenchmarkExecutables).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "HelperOutputFolder").Value!;
        var path = Path.Combine(RepositoryPaths.Root, "tests", project, outputFolder, OperatingSystem.IsWindows() ? project + ".exe" : project);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project} is not built at {path}; build the benchmarks with -c Release (they reference it).", path);
    }
}
