using System;
using System.IO;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>Finds the repository root (the folder holding <c>Processes.Sdk.sln</c>) from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Processes.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Processes.Sdk.sln was not found above " + AppContext.BaseDirectory);
    }
}
