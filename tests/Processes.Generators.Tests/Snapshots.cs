using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>
/// Compares generated sources with checked-in files <c>Snapshots/&lt;Case&gt;.&lt;HintName&gt;.verified</c>, exactly,
/// with the generator version scrubbed. Set <c>PROCESSES_UPDATE_SNAPSHOTS=1</c> to rewrite them.
/// </summary>
internal static partial class Snapshots
{
    public static bool UpdateMode => Environment.GetEnvironmentVariable("PROCESSES_UPDATE_SNAPSHOTS") == "1";

    public static string Scrub(string source) =>
        VersionPattern().Replace(source, "GeneratedCode(\"Processes.Generators\", \"{version}\")");

    public static void Verify(string caseName, GeneratorDriverRunResult result, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var generated = result.Results.SelectMany(run => run.GeneratedSources).OrderBy(source => source.HintName, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(generated);
        var expectedFiles = generated.Select(source => $"{caseName}.{source.HintName}.verified").ToHashSet(StringComparer.Ordinal);

        foreach (var source in generated)
        {
            var path = Path.Combine(directory, $"{caseName}.{source.HintName}.verified");
            var actual = Scrub(source.SourceText.ToString());
            if (UpdateMode)
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(path, actual);
                continue;
            }

            Assert.True(File.Exists(path), $"Missing snapshot {path}; run with PROCESSES_UPDATE_SNAPSHOTS=1 to create it.");
            Assert.Equal(File.ReadAllText(path), actual);
        }

        var stale = Directory.Exists(directory)
            ? Directory.GetFiles(directory, caseName + ".*.verified").Select(Path.GetFileName).Where(name => !expectedFiles.Contains(name!)).ToList()
            : new();
        if (UpdateMode)
        {
            stale.ForEach(name => File.Delete(Path.Combine(directory, name!)));
            return;
        }

        Assert.True(stale.Count == 0, "Stale snapshots: " + string.Join(", ", stale));
    }

    [GeneratedRegex("GeneratedCode\\(\"Processes\\.Generators\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
