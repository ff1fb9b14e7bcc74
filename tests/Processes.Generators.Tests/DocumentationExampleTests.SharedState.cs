using System.IO;
using Xunit;

namespace Processes.Generators.Tests;

public sealed partial class DocumentationExampleTests
{
    [Fact]
    public async System.Threading.Tasks.Task The_csharp_example_of_the_shared_state_page_counts_into_a_census_watches_it_and_runs_declared_operations()
    {
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "concepts", "shared-state.md"));
        Assert.Equal(3, blocks.Length);   // the census, declared operations, an outline's wait
        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.SharedState", blocks));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Registry = ProcessRegistry.Global });
        var run = (System.Threading.Tasks.Task<long>)loaded.Type("Docs.SharedState.CensusExample").GetMethod("CountAsync")!.Invoke(null, new object[] { runtime })!;
        Assert.Equal(100, await run.WaitAsync(System.TimeSpan.FromSeconds(20)));

        // Declared operations: three of five callers get a token.
        var take = (System.Threading.Tasks.Task<int>)loaded.Type("Docs.SharedState.Operations.LimiterExample").GetMethod("TakeAsync")!.Invoke(null, new object[] { runtime.SharedStates })!;
        Assert.Equal(3, await take.WaitAsync(System.TimeSpan.FromSeconds(20)));
    }
}
