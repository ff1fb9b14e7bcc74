using System.IO;
using Xunit;

namespace Processes.Generators.Tests;

public sealed partial class DocumentationExampleTests
{
    [Fact]
    public async System.Threading.Tasks.Task The_csharp_example_of_the_shared_state_page_counts_into_a_census_and_watches_it()
    {
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "concepts", "shared-state.md"));
        Assert.Single(blocks);
        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.SharedState", blocks));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Registry = ProcessRegistry.Global });
        var run = (System.Threading.Tasks.Task<long>)loaded.Type("Docs.SharedState.CensusExample").GetMethod("CountAsync")!.Invoke(null, new object[] { runtime })!;
        Assert.Equal(100, await run.WaitAsync(System.TimeSpan.FromSeconds(20)));
    }
}
