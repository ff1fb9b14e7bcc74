using System;
using System.IO;

namespace Processes.Benchmarks;

/// <summary>Finds the repository root (the folder holding Processes.Sdk.sln), so outputs land in artifacts/bench whatever the working directory.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string BenchArtifacts => Path.Combine(Root, "artifacts", "bench");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Processes.Sdk.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
