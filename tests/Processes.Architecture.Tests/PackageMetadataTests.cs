using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Architecture.Tests;

/// <summary>
/// Every project that packs a <c>Processes.Sdk*</c> package carries the package polish NuGet shows:
/// a readme, the MIT license, the repository, Source Link and a symbol package. Read from MSBuild's
/// evaluation of each project (<c>dotnet msbuild -getProperty</c>, about a second each, no build);
/// <c>.ci/run</c>'s package step opens a real packed nupkg and snupkg too.
/// </summary>
public sealed class PackageMetadataTests
{
    private static readonly string[] Properties =
    [
        "PackageId", "IsPackable", "PackageReadmeFile", "PackageLicenseExpression", "RepositoryUrl", "RepositoryType",
        "PublishRepositoryUrl", "EnableSourceLink", "IncludeSymbols", "SymbolPackageFormat", "DebugType",
    ];

    public static TheoryData<string> PackableProjects()
    {
        var projects = new TheoryData<string>();
        foreach (var project in Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
                     .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Where(path => File.ReadAllText(path).Contains("<PackageId>Processes.Sdk", StringComparison.Ordinal))
                     .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            projects.Add(project);
        }

        return projects;
    }

    [Fact]
    public void The_runtime_its_stores_hosting_the_tool_and_the_templates_are_packable_projects()
    {
        var projects = PackableProjects().Select(row => row.Data).ToList();
        Assert.Contains("src/Processes/Processes.csproj", projects);
        Assert.Contains("src/Processes.Cli/Processes.Cli.csproj", projects);
        Assert.Contains("templates/Processes.Templates/Processes.Templates.csproj", projects);
        Assert.True(projects.Count >= 7, string.Join(", ", projects));
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public async Task A_packable_project_has_a_readme_license_repository_source_link_and_symbols(string project)
    {
        var evaluated = await EvaluateAsync(project);
        Assert.StartsWith("Processes.Sdk", evaluated.Properties["PackageId"], StringComparison.Ordinal);
        Assert.Equal("true", evaluated.Properties["IsPackable"]);
        Assert.Equal("README.md", evaluated.Properties["PackageReadmeFile"]);
        Assert.Equal("MIT", evaluated.Properties["PackageLicenseExpression"]);
        Assert.Equal("https://github.com/processes-sdk/processes", evaluated.Properties["RepositoryUrl"]);
        Assert.Equal("git", evaluated.Properties["RepositoryType"]);

        // The readme is packed at the root under the name the nuspec gives.
        Assert.Contains(evaluated.PackedFiles, file => file.PackagePath == "README.md" && File.Exists(file.FullPath));

        // Code packages: Source Link and a .snupkg of portable PDBs. The template package has no code.
        if (project.StartsWith("src/", StringComparison.Ordinal))
        {
            Assert.Equal("true", evaluated.Properties["PublishRepositoryUrl"]);
            Assert.Equal("true", evaluated.Properties["EnableSourceLink"]);
            Assert.Equal("true", evaluated.Properties["IncludeSymbols"]);
            Assert.Equal("snupkg", evaluated.Properties["SymbolPackageFormat"]);
            Assert.Equal("portable", evaluated.Properties["DebugType"]);
        }
    }

    private sealed record PackedFile(string FullPath, string PackagePath);

    private sealed record Evaluation(Dictionary<string, string> Properties, List<PackedFile> PackedFiles);

    private static async Task<Evaluation> EvaluateAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add(project);
        start.ArgumentList.Add("-getItem:None");
        start.ArgumentList.Add("-getItem:Content");
        foreach (var property in Properties)
        {
            start.ArgumentList.Add("-getProperty:" + property);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} failed:\n{await output}\n{await error}");

        using var json = JsonDocument.Parse(await output);
        var properties = json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString() ?? "");
        var packed = new List<PackedFile>();
        foreach (var items in json.RootElement.GetProperty("Items").EnumerateObject())
        {
            foreach (var item in items.Value.EnumerateArray())
            {
                if (item.TryGetProperty("Pack", out var pack) && pack.GetString() == "true" && item.TryGetProperty("PackagePath", out var path))
                {
                    packed.Add(new PackedFile(item.GetProperty("FullPath").GetString()!, path.GetString()!));
                }
            }
        }

        return new Evaluation(properties, packed);
    }
}
