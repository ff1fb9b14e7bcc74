using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Docs.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Processes.Hosting.Tests;

/// <summary>The C# of docs/hosting.md is the compiled DocumentationExamples.cs, and it runs.</summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public void Every_csharp_block_of_the_hosting_page_is_compiled_in_this_project()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "hosting.md"));
        var compiled = Normalize(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Processes.Hosting.Tests", "DocumentationExamples.cs")));
        var blocks = CSharpBlock().Matches(page).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            Assert.Contains(Normalize(block), compiled, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_hosting_example_runs_a_task_that_uses_an_injected_service()
    {
        using var host = HostSetup.Build(["--Processes:Store:Kind=InMemory"], new FixedRates());
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IProcessClient>();
        var converted = await client.RunAsync(new Docs.Hosting.Convert { Amount = 10, From = "EUR", To = "CHF" });
        Assert.Equal(9.5, converted.Result, precision: 9);
        await host.StopAsync();
    }

    private sealed class FixedRates : IExchangeRates
    {
        public Task<decimal> RateAsync(string from, string to) => Task.FromResult(0.95m);
    }

    private static string Normalize(string code) => string.Join("\n", code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    private static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", ".."));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
