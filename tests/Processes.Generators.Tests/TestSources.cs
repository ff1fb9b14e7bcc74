namespace Processes.Generators.Tests;

/// <summary>User code the tests feed to the generator.</summary>
internal static class TestSources
{
    public const string Square = """
        using System.Threading.Tasks;
        using Processes;

        namespace QuickStart;

        /// <summary>Squares a number.</summary>
        [Task]
        public partial class Square
        {
            /// <summary>The number to square.</summary>
            [Input] public required int X { get; init; }

            [Output] public int Result { get; private set; }

            private ValueTask RunAsync(TaskContext context) { Result = X * X; return default; }
        }
        """;

    public const string Relax = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using Processes;

        namespace QuickStart;

        /// <summary>Relaxes a geometry.</summary>
        [Process]
        [Validator(nameof(CheckUnlucky))]
        public partial class Relax
        {
            /// <summary>The starting geometry.</summary>
            [Input] public required Geometry Start { get; init; }

            /// <summary>
            /// The most steps   to take.
            /// </summary>
            [Input, Range(1, 1000)] public int MaxSteps { get; init; } = 50;

            [Input] public RelaxOptions Options { get; init; } = new();

            [Input, Range(0, 10)] public Dictionary<string, double>? Extras { get; init; }

            [Input(Name = "tag_list"), MinLength(1)] public List<string>? Tags { get; init; }

            [Output] public double Energy { get; private set; }

            [Output] public Geometry? Final { get; private set; }

            [Output] public string Summary { get; private set; } = "";

            private int _step;

            private List<double> _energies = new();

            [Transient] private object? _cache;

            public int CurrentStep => _step;

            private void DefineOutline(OutlineBuilder outline) => outline.Step(Setup).While(NotDone, body => body.Step(Iterate));

            private void Setup() { _step = 0; _cache = null; }

            private bool NotDone() => _step < MaxSteps && _cache is null;

            private void Iterate() { _step++; Energy = 1.0 / _step; _energies.Add(Energy); }

            private static string? CheckUnlucky(Relax relax) => relax.MaxSteps == 13 ? "13 steps are unlucky" : null;
        }

        [PortNamespace]
        [Validator(nameof(CheckFire))]
        public partial record RelaxOptions
        {
            /// <summary>Convergence tolerance.</summary>
            [Range(1e-12, 1.0)] public double Tol { get; init; } = 1e-6;

            [Validator(nameof(CheckMode))] public string Mode { get; init; } = "bfgs";

            static string? CheckMode(string mode) => mode is "bfgs" or "fire" ? null : "unknown mode";

            static string? CheckFire(RelaxOptions options) => options.Mode == "fire" && options.Tol < 1e-3 ? "fire needs a tolerance of at least 1e-3" : null;
        }

        [ProcessData]
        public partial record Geometry(double[] Positions, string Label);
        """;

    public const string DataTypes = """
        using System;
        using System.Collections.Generic;
        using Processes;

        namespace Shapes;

        public enum Color { Red = 1, Blue = 5 }

        public enum Small : byte { None = 0, Big = 200 }

        [ProcessData]
        public partial class Inner
        {
            public int X { get; set; } = 42;
            public string? Name { get; set; } = "in";
        }

        [ProcessData]
        public partial class Composite
        {
            public int A { get; set; }
            public long B { get; set; }
            public double C { get; set; }
            public bool D { get; set; }
            public string? E { get; set; }
            public string? F { get; set; }
            public int[]? G { get; set; }
            public List<string>? H { get; set; }
            public Dictionary<string, int>? I { get; set; }
            public Inner? J { get; set; }
            public int? K { get; set; }
            public Color L { get; set; }
            public Guid M { get; set; }
            public DateTime N { get; set; }
            public byte[]? O { get; set; }
        }

        [ProcessData]
        public partial record struct Sample
        {
            public List<Dictionary<string, int?>>? Nested { get; init; }
            public string?[]? Names { get; init; }
            public Small? MaybeSmall { get; init; }
            public decimal? Price { get; init; }
            public IReadOnlyList<Inner?>? Inners { get; init; }
            public HashSet<Color>? Colors { get; init; }
            public IEnumerable<long>? Longs { get; init; }
            public DateTimeOffset When { get; init; }
            public ProcessId? Parent { get; init; }
            public readonly TimeSpan Span;
            public Sample(TimeSpan span) { Span = span; Nested = null; Names = null; MaybeSmall = null; Price = null; Inners = null; Colors = null; Longs = null; When = default; Parent = null; }
        }
        """;

    /// <summary>An outline changed twice, with a migration from each earlier outline (one static, one that also sets state).</summary>
    public const string Migrated = """
        using Processes;

        namespace Versioned;

        [Process(Name = "Versioned.Order")]
        public partial class Order
        {
            [Output] public int Total { get; private set; }

            private bool _audited;

            private void DefineOutline(OutlineBuilder outline) => outline
                .Step(Audit)
                .Step(Reserve)
                .If(() => Total > 100, then => then.Return(1, "too large & refused"))
                .Step(Ship);

            private void Audit() => _audited = true;
            private void Reserve() => Total += 10;
            private void Ship() => Total += 1;

            [OutlineMigration("1111111111111111")]
            private static int FromFirstOutline(int position) => position + 1;

            [OutlineMigration("2222222222222222")]
            private int FromSecondOutline(int position)
            {
                _audited = true;
                return position;
            }
        }
        """;
}
