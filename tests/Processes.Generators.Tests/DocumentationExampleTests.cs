using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Processes.Generators.Tests;

public sealed partial class DocumentationExampleTests
{
    [Fact]
    public async System.Threading.Tasks.Task The_csharp_examples_of_the_expose_page_compile_without_warnings_and_run()
    {
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "concepts", "expose.md"));
        Assert.NotEmpty(blocks);

        var assembly = GeneratorHarness.CompileAndLoad("Docs.Expose", blocks);
        var example = assembly.GetType("Docs.Expose.PipelineExample", throwOnError: true)!;
        var result = (System.Threading.Tasks.Task<int>)example.GetMethod("RunAsync")!.Invoke(null, null)!;
        Assert.Equal(12, await result);
    }

    [Fact]
    public void The_csharp_example_of_the_versioning_page_compiles_and_its_fingerprints_are_the_generated_ones()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "concepts", "versioning.md");
        var blocks = CodeBlocks(path);
        Assert.NotEmpty(blocks);

        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.Versioning", blocks));
        var descriptor = loaded.Descriptor("Docs.Versioning.FulfilOrder");
        var page = File.ReadAllText(path);

        // The page quotes version 1's fingerprint and version 2's in its error message.
        var version1 = ProcessGenerator.Parser.Outline.Fingerprint(new[] { "0: step Reserve", "1: step Charge" });
        Assert.Contains($"[OutlineMigration(\"{version1}\")]", page, System.StringComparison.Ordinal);
        Assert.Contains($"this\nbuild's outline is {descriptor.OutlineFingerprint};", page, System.StringComparison.Ordinal);

        var process = descriptor.CreateFromInputs(new System.Collections.Generic.Dictionary<string, object?> { ["amount"] = 5 });
        var arguments = new object?[] { process, version1, 1, 0 };
        Assert.True((bool)descriptor.GetType().GetMethod("TryMigrateOutline")!.Invoke(descriptor, arguments)!);
        Assert.Equal(2, arguments[3]);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_csharp_example_of_the_durability_page_compiles_and_continues_a_stopped_process()
    {
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "concepts", "durability.md"));
        Assert.Single(blocks);
        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.Durability", blocks));
        var descriptor = loaded.Descriptor("Docs.Durability.Relax");
        var store = new Processes.Checkpoints.InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, Registry = ProcessRegistry.Global }))
        {
            var handle = await first.LaunchAsync(descriptor.Name, new System.Collections.Generic.Dictionary<string, object?> { ["steps"] = 4 }, new LaunchOptions { StartPaused = true });
            id = handle.Id;
        }

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var example = loaded.Type("Docs.Durability.ContinuingExample");
        var paused = (System.Threading.Tasks.Task<double>)example.GetMethod("ContinueOrWaitAsync")!.Invoke(null, new object[] { second, id })!;
        await Until(() => second.TryGetProcess(id, out _));
        second.TryGetProcess(id, out var live);
        await live!.PlayAsync();
        Assert.Equal(0.25, await paused.WaitAsync(System.TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async System.Threading.Tasks.Task The_csharp_example_of_the_contexts_page_starts_reads_and_skips_children()
    {
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "concepts", "contexts.md"));
        Assert.Equal(2, blocks.Length);
        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.Contexts", blocks));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Registry = ProcessRegistry.Global });
        var run = (System.Threading.Tasks.Task<(int Regular, int Loyal)>)loaded.Type("Docs.Contexts.OrderExample").GetMethod("RunAsync")!.Invoke(null, new object[] { runtime })!;
        Assert.Equal((30, 27), await run.WaitAsync(System.TimeSpan.FromSeconds(20)));

        // The chunked map of the same page: 2,000 items in chunks of 500, every square summed in item order.
        var chunked = loaded.Descriptor("Docs.Chunks.SumOfSquares");
        var handle = await runtime.LaunchAsync(chunked.Name, new System.Collections.Generic.Dictionary<string, object?> { ["count"] = 2000 });
        var outputs = await handle.GetOutputsAsync().AsTask().WaitAsync(System.TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(0, 2000).Sum(x => (long)x * x), outputs["total"]);
        Assert.Empty((System.Collections.IEnumerable)outputs["failed"]!);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_csharp_example_of_the_entry_point_page_runs_on_the_runtime_as_an_IProcessClient()
    {
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "choosing-an-entry-point.md"));
        Assert.Single(blocks);
        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.EntryPoints", blocks));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Registry = ProcessRegistry.Global });
        var run = (System.Threading.Tasks.Task<int>)loaded.Type("Docs.EntryPoints.Doubling").GetMethod("DoubleTwiceAsync")!.Invoke(null, new object[] { runtime, 5 })!;
        Assert.Equal(20, await run.WaitAsync(System.TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async System.Threading.Tasks.Task The_csharp_example_of_the_retries_page_retries_until_the_file_exists()
    {
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "concepts", "retries.md"));
        Assert.Single(blocks);
        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.Retries", blocks));
        var descriptor = loaded.Descriptor("Docs.Retries.ReadReport");
        Assert.Equal(4, descriptor.RetryPolicy!.MaxAttempts);
        Assert.Equal(System.TimeSpan.FromSeconds(5), descriptor.TimeLimit);

        var path = Path.Combine(Path.GetTempPath(), "processes-docs-" + System.Guid.NewGuid().ToString("N") + ".txt");
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Registry = ProcessRegistry.Global });
        var read = (System.Threading.Tasks.Task<(int Length, int Attempts)>)loaded.Type("Docs.Retries.RetriesExample").GetMethod("ReadAsync")!.Invoke(null, new object[] { runtime, path })!;
        await System.Threading.Tasks.Task.Delay(80);
        await File.WriteAllTextAsync(path, "hello");
        try
        {
            var (length, attempts) = await read.WaitAsync(System.TimeSpan.FromSeconds(20));
            Assert.Equal(5, length);
            Assert.InRange(attempts, 2, 4);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task The_csharp_example_of_the_events_page_approves_an_order_through_the_client()
    {
        // The page's first block is the runnable example; the second raises a JSON payload (compiled by Processes.Documentation.Tests).
        var blocks = CodeBlocks(Path.Combine(RepositoryRoot(), "docs", "concepts", "events.md"));
        Assert.Equal(2, blocks.Length);
        var loaded = new Loaded(GeneratorHarness.CompileAndLoad("Docs.Events", blocks[0]));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Registry = ProcessRegistry.Global });
        var run = (System.Threading.Tasks.Task<string>)loaded.Type("Docs.Events.ApprovalExample").GetMethod("ApproveAsync")!.Invoke(null, new object[] { runtime })!;
        Assert.Equal("approved by ann", await run.WaitAsync(System.TimeSpan.FromSeconds(20)));
    }

    private static async System.Threading.Tasks.Task Until(System.Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await System.Threading.Tasks.Task.Delay(5);
        }
    }

    private static string[] CodeBlocks(string path) =>
        CSharpBlock().Matches(File.ReadAllText(path)).Select(match => match.Groups[1].Value).ToArray();

    private static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", ".."));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
