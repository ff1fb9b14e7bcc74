using System;
using System.IO;

namespace Processes.Architecture.Tests;

/// <summary>Paths in the repository and the opt-in update mode shared by every checked-in expectation.</summary>
internal static class Repository
{
    /// <summary>True when <c>PROCESSES_UPDATE_SNAPSHOTS=1</c>: tests rewrite their checked-in files instead of comparing.</summary>
    public static bool UpdateMode => Environment.GetEnvironmentVariable("PROCESSES_UPDATE_SNAPSHOTS") == "1";

    /// <summary>The folder holding <c>Processes.Sdk.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The folder of this test project's sources.</summary>
    public static string TestProject => Path.Combine(Root, "tests", "Processes.Architecture.Tests");

    /// <summary>Normalizes line endings so a checkout with CRLF compares equal.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Processes.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Processes.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
