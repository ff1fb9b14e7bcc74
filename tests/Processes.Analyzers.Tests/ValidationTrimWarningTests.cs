using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
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
    [Fact]
    public Task The_warning_on_a_task_port_is_suppressed() => VerifyAsync(
        """
        [Task]
        public partial class T
        {
            [Input, {|#0:MinLength(1)|}, {|#1:MaxLength(5)|}, {|#2:Length(1, 5)|}, StringLength(5)] public string Name { get; init; } = "a";
            [Output, {|#3:MinLength(1)|}] public List<int>? Items { get; private set; }
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        suppressed: true,
        "System.ComponentModel.DataAnnotations.MinLengthAttribute.MinLengthAttribute(int)",
        "System.ComponentModel.DataAnnotations.MaxLengthAttribute.MaxLengthAttribute(int)",
        "System.ComponentModel.DataAnnotations.LengthAttribute.LengthAttribute(int, int)",
        "System.ComponentModel.DataAnnotations.MinLengthAttribute.MinLengthAttribute(int)");

    [Fact]
    public Task The_warning_on_a_port_namespace_member_is_suppressed() => VerifyAsync(
        """
        [PortNamespace]
        public partial class Options
        {
            [{|#0:MinLength(1)|}, {|#1:MaxLength(3)|}] public List<string>? Modes { get; set; }
        }
        """,
        suppressed: true,
        "System.ComponentModel.DataAnnotations.MinLengthAttribute.MinLengthAttribute(int)",
        "System.ComponentModel.DataAnnotations.MaxLengthAttribute.MaxLengthAttribute(int)");

    [Fact]
    public Task The_warning_elsewhere_is_kept() => VerifyAsync(
        """
        public class NotGenerated
        {
            [{|#0:MinLength(1)|}] public string? Name { get; set; }
        }

        [Task]
        public partial class T
        {
            // Not a port: the generator writes no check for it.
            [{|#1:MaxLength(3)|}] public string? Note { get; set; }
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        suppressed: false,
        "System.ComponentModel.DataAnnotations.MinLengthAttribute.MinLengthAttribute(int)",
        "System.ComponentModel.DataAnnotations.MaxLengthAttribute.MaxLengthAttribute(int)");

    /// <summary>
    /// Every Processes analyzer (the suppressor among them) and the generator, plus the stand-in
    /// for the trim analyzer: IL2026 is expected at the marked attributes in order, with the
    /// constructor it names, suppressed or not.
    /// </summary>
    private static Task VerifyAsync(string declarations, bool suppressed, params string[] constructors)
    {
        var test = new ProcessesTest<EmptyCodeFixProvider>
        {
            TestCode = """
                using System.Collections.Generic;
                using System.ComponentModel.DataAnnotations;
                using Processes;

                """ + declarations,
        };
        test.AdditionalAnalyzers.Add(new RequiresUnreferencedCodeStandIn());
        test.ExpectedDiagnostics.AddRange(constructors.Select((constructor, index) =>
            new DiagnosticResult(RequiresUnreferencedCodeStandIn.Rule)
                .WithLocation(index)
                .WithArguments(constructor)
                .WithIsSuppressed(suppressed)));
        return test.RunAsync(TestContext.Current.CancellationToken);
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
        public static readonly DiagnosticDescriptor Rule = new(
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
