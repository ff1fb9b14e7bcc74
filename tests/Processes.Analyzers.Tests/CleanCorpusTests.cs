using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class CleanCorpusTests
{
    [Fact]
    public async Task Valid_sources_raise_no_PRC_diagnostic()
    {
        var compilation = TestCompilation.Create(ValidSources.All);
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Empty(errors);
        Assert.Empty(await TestCompilation.GetProcessDiagnosticsAsync(compilation));
    }

    [Fact]
    public async Task The_runtime_test_sources_raise_no_PRC_diagnostic()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "Processes.Tests");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(files);
        var compilation = TestCompilation.Create(files.Select(File.ReadAllText), TestCompilation.CompilationOptions);
        Assert.Empty(await TestCompilation.GetProcessDiagnosticsAsync(compilation));
    }
}
