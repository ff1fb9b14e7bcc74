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

    private static string[] CodeBlocks(string path) =>
        CSharpBlock().Matches(File.ReadAllText(path)).Select(match => match.Groups[1].Value).ToArray();

    private static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", ".."));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
