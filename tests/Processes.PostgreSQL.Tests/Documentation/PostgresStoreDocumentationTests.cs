using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Processes.PostgreSQL.Tests.Documentation;

public sealed partial class PostgresStoreDocumentationTests(PostgresServer server)
{
    private readonly PostgresServer _server = server;

    [Fact]
    public void Every_csharp_block_of_the_page_is_a_region_of_the_compiled_example()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "concepts", "postgresql-store.md"));
        var example = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Processes.PostgreSQL.Tests", "Documentation", "PostgresStoreDocumentationExample.cs"));
        var blocks = CSharpBlock().Matches(page).Select(match => Normalize(match.Groups[1].Value)).ToArray();
        var regions = Region().Matches(example).Select(match => Normalize(match.Groups[2].Value)).ToArray();

        Assert.NotEmpty(blocks);
        Assert.Equal(regions, blocks);
    }

    [Fact]
    public async Task The_example_runs()
    {
        // One tagged checkpoint, one waiting, one kept version (the stale save was refused), nothing old enough to purge.
        Assert.Equal(1110, await PostgresStoreDocumentationExample.RunAsync(_server.ConnectionString(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_shared_state_example_runs()
    {
        // Version 1 stored (the stale save was refused), and kept: readable by version.
        Assert.Equal(11, await PostgresStoreDocumentationExample.RunSharedStatesAsync(_server.ConnectionString(), TestContext.Current.CancellationToken));
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    private static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "..", ".."));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex("// <doc:([a-z-]+)>\\n(.*?)// </doc:\\1>", RegexOptions.Singleline)]
    private static partial Regex Region();
}
