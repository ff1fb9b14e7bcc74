namespace Processes.Analyzers.Tests;

/// <summary>Valid declarations that no analyzer may flag; the clean-corpus test runs all of them.</summary>
public static class ValidSources
{
    public const string Task = """
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using Processes;

        /// <summary>Squares a number.</summary>
        [Task]
        public partial class Square
        {
            [Input, Range(-1000, 1000)] public required int X { get; init; }
            [Input(Name = "label_text"), MaxLength(10), RegularExpression("[a-z]*")] public string Label { get; init; } = "abc";
            [Output] public int Result { get; private set; }

            private ValueTask RunAsync(TaskContext context)
            {
                Result = X * X;
                return default;
            }
        }
        """;

    public const string Process = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.IO;
        using System.Threading.Tasks;
        using Processes;

        [ProcessData]
        public partial class Geometry
        {
            public double[] Positions { get; set; } = Array.Empty<double>();
            public Dictionary<string, List<int>> Groups { get; set; } = new();
            public Guid Id;
        }

        [PortNamespace]
        [Validator(nameof(Check))]
        public partial class RelaxOptions
        {
            [Range(0.0, 1.0, MinimumIsExclusive = true)] public double Tol { get; init; } = 1e-6;
            [AllowedValues("fast", "accurate")] public string Mode { get; init; } = "fast";
            public TimeSpan? Timeout { get; init; }

            static string? Check(RelaxOptions options) => options.Tol < 0 ? "negative" : null;
        }

        public enum Method { Bfgs, Fire }

        public static partial class Outer
        {
            [Process(Name = "relax")]
            [Validator(nameof(CheckAll))]
            public sealed partial class Relax
            {
                [Input] public required Geometry Start { get; init; }
                [Input, Range(1, 1000)] public int MaxSteps { get; init; } = 50;
                [Input] public RelaxOptions Options { get; init; } = new();
                [Input] public Method Method { get; init; }
                [Input, Validator(nameof(CheckTags))] public IReadOnlyList<string>? Tags { get; init; }
                [Output] public double Energy { get; private set; }
                [Output] public Geometry? Final { get; set; }
                [Output] public ProcessId? Child { get; private set; }

                private int _step;
                private readonly List<double> _history = new();
                [Transient] private Stream? _log;
                private static int s_created;
                private const int Limit = 3;

                static string? CheckAll(Relax relax) => relax.MaxSteps > Limit ? null : "too few steps";

                static string? CheckTags(IEnumerable<string>? tags) => null;

                private void DefineOutline(OutlineBuilder outline) =>
                    outline.Step(Start_)
                        .While(NotDone, body => body.Step(Iterate))
                        .Step(Finish);

                private void Start_() => s_created++;

                private bool NotDone() => _step < MaxSteps;

                private async ValueTask Iterate(StepContext context)
                {
                    await Task.Delay(1, context.CancellationToken);
                    _history.Add(_step);
                    _step++;
                }

                private void Finish(StepContext context)
                {
                    Energy = _history.Count;
                    _log?.Flush();
                }
            }
        }
        """;

    public static readonly string[] All = { Task, Process };
}
