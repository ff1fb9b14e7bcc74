using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// The user code of build-cost: <see cref="ProcessCount"/> [Process] classes, one file each, with
/// validated inputs, outputs, state fields and a looping outline, as a real project would have.
/// </summary>
internal static class ProcessSourceCorpus
{
    public const int ProcessCount = 500;

    // The edit keeps every line where it was: only a method body changes, as when a user tweaks a step.
    private const string BodyBeforeEdit = "_values.Add(_round * Scale);";
    private const string BodyAfterEdit = "_values.Add((_round + 1) * Scale);";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Parse);

    public static ImmutableArray<SyntaxTree> ParseAll() =>
        Enumerable.Range(0, ProcessCount)
            .Select(index => CSharpSyntaxTree.ParseText(SourceOf(index), ParseOptions, path: $"Process{index}.cs"))
            .ToImmutableArray();

    /// <summary>The tree with one step's body changed (its declarations untouched).</summary>
    public static SyntaxTree WithStepBodyEdited(SyntaxTree tree)
    {
        var text = tree.GetText();
        var start = text.ToString().IndexOf(BodyBeforeEdit, System.StringComparison.Ordinal);
        return tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, BodyBeforeEdit.Length), BodyAfterEdit)));
    }

    private static string SourceOf(int index)
    {
        var number = index.ToString(CultureInfo.InvariantCulture);
        var group = (index / 50).ToString(CultureInfo.InvariantCulture);
        return $$"""
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using Processes;

            namespace Corpus.Group{{group}};

            /// <summary>Corpus process number {{number}}.</summary>
            [Process]
            public partial class Process{{number}}
            {
                /// <summary>How many rounds to run.</summary>
                [Input, Range(1, 1000)] public required int Rounds { get; init; }

                /// <summary>A label for the summary.</summary>
                [Input, MaxLength(40)] public string? Label { get; init; }

                /// <summary>The factor applied each round.</summary>
                [Input] public double Scale { get; init; } = 1.5;

                /// <summary>The last value computed.</summary>
                [Output] public double Result { get; private set; }

                /// <summary>A one-line summary.</summary>
                [Output] public string? Summary { get; private set; }

                private int _round;
                private List<double> _values = new();

                private void DefineOutline(OutlineBuilder outline) => outline
                    .Step(Setup)
                    .While(HasMore, loop => loop.Step(Iterate))
                    .Step(Report);

                private void Setup()
                {
                    _round = 0;
                    _values.Clear();
                }

                private bool HasMore() => _round < Rounds;

                private void Iterate()
                {
                    {{BodyBeforeEdit}}
                    _round++;
                }

                private void Report()
                {
                    Result = _values.Count == 0 ? 0 : _values[^1];
                    Summary = Label + ": " + _round.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            """;
    }
}
