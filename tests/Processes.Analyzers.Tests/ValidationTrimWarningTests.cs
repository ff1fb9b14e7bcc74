using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>
/// A Native AOT app using the documented validation vocabulary builds without IL2026: the warning
/// the trim analyzer gives on MinLength/MaxLength/Length is suppressed where the generator compiles
/// the check (ports), and kept everywhere else.
/// </summary>
public sealed class ValidationTrimWarningTests
{
    private const string Attributes = "MinLength(1), MaxLength(5), Length(1, 5), StringLength(5)";

    [Fact]
    public async Task The_warning_on_a_task_port_is_suppressed()
    {
        var warnings = await TrimWarningsAsync($$"""
            [Task]
            public partial class T
            {
                [Input, {{Attributes}}] public string Name { get; init; } = "a";
                [Output, MinLength(1)] public List<int>? Items { get; private set; }
                System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
            }
            """);

        Assert.Equal(4, warnings.Length);
        Assert.All(warnings, warning => Assert.True(warning.IsSuppressed, warning.ToString()));
    }

    [Fact]
    public async Task The_warning_on_a_port_namespace_member_is_suppressed()
    {
        var warnings = await TrimWarningsAsync("""
            [PortNamespace]
            public partial class Options
            {
                [MinLength(1), MaxLength(3)] public List<string>? Modes { get; set; }
            }
            """);

        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, warning => Assert.True(warning.IsSuppressed, warning.ToString()));
    }

    [Fact]
    public async Task The_warning_elsewhere_is_kept()
    {
        var warnings = await TrimWarningsAsync($$"""
            public class NotGenerated
            {
                [MinLength(1)] public string? Name { get; set; }
            }

            [Task]
            public partial class T
            {
                // Not a port: the generator writes no check for it.
                [MaxLength(3)] public string? Note { get; set; }
                System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
            }
            """);

        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, warning => Assert.False(warning.IsSuppressed, warning.ToString()));
    }

    private static async Task<ImmutableArray<Diagnostic>> TrimWarningsAsync(string declarations)
    {
        var compilation = TestCompilation.Create($$"""
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using Processes;

            {{declarations}}
            """);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RequiresUnreferencedCodeStandIn(), new ValidationTrimWarningSuppressor());
        var diagnostics = await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true)).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(diagnostic => diagnostic.Id == ValidationTrimWarningSuppressor.RequiresUnreferencedCodeId).ToImmutableArray();
    }

    /// <summary>
    /// Reports IL2026 where the SDK's trim analyzer does for an attribute: on an attribute whose
    /// constructor has [RequiresUnreferencedCode] (CI also builds a real AOT consumer of the package).
    /// </summary>
    /// <remarks>
    /// A test double run in process only, never loaded by a compiler: the rules for shipped
    /// analyzers (netstandard2.0, no Workspaces reference, release tracking) do not apply.
    /// </remarks>
#pragma warning disable RS1036, RS1038, RS1041, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class RequiresUnreferencedCodeStandIn : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new(
            ValidationTrimWarningSuppressor.RequiresUnreferencedCodeId, "RequiresUnreferencedCode", "Using member '{0}' which has 'RequiresUnreferencedCodeAttribute'", "Trimming", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.Attribute);
        }

        private static void Analyze(SyntaxNodeAnalysisContext context)
        {
            if (context.SemanticModel.GetSymbolInfo((AttributeSyntax)context.Node, context.CancellationToken).Symbol is IMethodSymbol constructor
                && constructor.GetAttributes().Any(attribute => attribute.AttributeClass?.Name == "RequiresUnreferencedCodeAttribute"))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), constructor.ToDisplayString()));
            }
        }
    }
#pragma warning restore RS1036, RS1038, RS1041, RS2008
}
