using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Generators;

namespace Processes.Documentation.Tests;

/// <summary>
/// Compiles snippets as a user's project would: the SDK's implicit usings, nullable on, the generator
/// and the analyzers, every package the docs use. Statements are wrapped in a method of their own.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>The implicit usings of a console project (<c>ImplicitUsings</c> enabled), for every snippet.</summary>
    public static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>
    /// The namespaces an excerpt (a block without a single using directive of its own) may use without
    /// saying so. A block that has using directives must have all it needs.
    /// </summary>
    public static readonly string[] ExcerptUsings =
    [
        "System.ComponentModel.DataAnnotations", "System.Text", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting",
        "Processes", "Processes.Checkpoints", "Processes.Ports", "Processes.Remote", "Processes.Pool", "Processes.Hosting",
        "Processes.Sqlite", "Processes.PostgreSQL", "Processes.RabbitMQ",
    ];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> LazyAnalyzers = new(LoadAnalyzers);

    /// <summary>The analyzers of Processes.Analyzers (at least one, or the test proves nothing about them).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => LazyAnalyzers.Value;

    /// <summary>Every diagnostic of compiling the snippets together: the generator's, the compiler's and the analyzers'.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> CompileAsync(IReadOnlyList<MarkdownSnippet> snippets, CancellationToken cancellationToken)
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(name => $"global using {name};\n")), ParseOptions, path: "ImplicitUsings.cs", cancellationToken: cancellationToken) };
        trees.AddRange(snippets.Select((snippet, index) => CSharpSyntaxTree.ParseText(SourceOf(snippet, index), ParseOptions, path: snippet.ToString(), cancellationToken: cancellationToken)));
        var compilation = CSharpCompilation.Create(
            "DocumentationSnippets",
            trees,
            LazyReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var driver = CSharpGeneratorDriver.Create([new ProcessGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, cancellationToken);
        var analyzed = output.WithAnalyzers(Analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
        var analyzerDiagnostics = await analyzed.GetAnalyzerDiagnosticsAsync(cancellationToken);
        return generatorDiagnostics.Concat(output.GetDiagnostics(cancellationToken)).Concat(analyzerDiagnostics).ToList();
    }

    /// <summary>The diagnostics a user would see as a failed or warning build (binding-redirect notes aside).</summary>
    public static IEnumerable<Diagnostic> Problems(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Id is not ("CS1701" or "CS1702"));

    /// <summary>A diagnostic with the block it is in (page and first line) and the code line it points to.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var line = span.StartLinePosition.Line;
        var text = diagnostic.Location.SourceTree?.GetText().Lines is { } lines && line < lines.Count ? lines[line].ToString().Trim() : "";
        return $"{span.Path} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n    at: {text}";
    }

    /// <summary>The source a snippet compiles as: statements move into a method that takes the <c>given</c> parameters.</summary>
    public static string SourceOf(MarkdownSnippet snippet, int index)
    {
        var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(snippet.Code, ParseOptions).GetRoot();
        var source = new StringBuilder();
        if (unit.Usings.Count == 0 && unit.Externs.Count == 0)
        {
            foreach (var name in ExcerptUsings)
            {
                source.Append("using ").Append(name).Append(";\n");
            }
        }

        var statements = unit.Members.OfType<GlobalStatementSyntax>().ToList();
        if (statements.Count == 0)
        {
            return source.Append(snippet.Code).ToString();
        }

        source.Append(unit.Externs.ToFullString()).Append(unit.Usings.ToFullString());
        source.Append("#pragma warning disable CS1998 // a snippet of plain statements wrapped in an async method\n");
        source.Append($"internal static class DocumentationSnippet{index}\n{{\n    internal static async global::System.Threading.Tasks.Task RunAsync({snippet.Given})\n    {{\n");
        foreach (var statement in statements)
        {
            source.Append(statement.ToFullString());
        }

        source.Append("\n    }\n}\n#pragma warning restore CS1998\n");
        foreach (var member in unit.Members.Where(member => member is not GlobalStatementSyntax))
        {
            source.Append(member.ToFullString());
        }

        return source.ToString();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Processes.Generators.dll", "Processes.Analyzers.dll", "Processes.Documentation.Tests.dll" };
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !excluded.Contains(Path.GetFileName(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers() =>
        Assembly.Load("Processes.Analyzers").GetTypes()
            .Where(type => type.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
}
