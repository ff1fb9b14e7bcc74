namespace Processes.Generators.Tests;

/// <summary>User code exposing a child's ports, fed to the generator.</summary>
internal static class ExposeSources
{
    public const string Child = """
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using Processes;

        namespace Exposing;

        /// <summary>Scales a number.</summary>
        [Task]
        public partial class Scale
        {
            /// <summary>The number to scale.</summary>
            [Input, Range(0, 100)] public required int X { get; init; }

            /// <summary>The factor.</summary>
            [Input, Range(1, 10)] public int Factor { get; init; } = 3;

            [Input, Validator(nameof(CheckLabel))] public string? Label { get; init; }

            [Input, MinLength(1)] public required string Unit { get; init; }

            /// <summary>The scaled number.</summary>
            [Output] public int Result { get; private set; }

            [Output] public string? Note { get; private set; }

            private static string? CheckLabel(string label) => label.Length > 5 ? "label is too long" : null;

            private ValueTask RunAsync(TaskContext context) { Result = X * Factor; Note = Label + Unit; return default; }
        }
        """;

    public const string Whole = """
        using Processes;

        namespace Exposing;

        [Process]
        [ExposeInputs(typeof(Scale))]
        [ExposeOutputs(typeof(Scale))]
        public partial class Whole
        {
            [Input] public int Offset { get; init; }

            public Scale BuildChild() => CreateScale();

            public void Finish(Scale finished) => SetScaleOutputs(finished);

            private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch).Step(Collect);

            private void Launch(StepContext context) => context.StartChild("scale", CreateScale());

            private void Collect(StepContext context) => SetScaleOutputs(context.GetChild<Scale>("scale"));
        }
        """;

    public const string Namespaced = """
        using Processes;

        namespace Exposing;

        [Process]
        [ExposeInputs(typeof(Scale), Namespace = "scale")]
        [ExposeOutputs(typeof(Scale), Namespace = "scale")]
        public partial class Nested
        {
            public Scale BuildChild() => CreateScale();

            public void Finish(Scale finished) => SetScaleOutputs(finished);

            private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch).Step(Collect);

            private void Launch(StepContext context) => context.StartChild("scale", CreateScale());

            private void Collect(StepContext context) => SetScaleOutputs(context.GetChild<Scale>("scale"));
        }
        """;

    public const string Included = """
        using Processes;

        namespace Exposing;

        [Process]
        [ExposeInputs(typeof(Scale), Include = new[] { "x", "factor" })]
        [ExposeOutputs(typeof(Scale), Include = new[] { "result" })]
        public partial class Included
        {
            public Scale BuildChild(string unit) => CreateScale(unit);

            public void Finish(Scale finished) => SetScaleOutputs(finished);

            private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch);

            private void Launch(StepContext context) => context.StartChild("scale", CreateScale("m"));
        }
        """;

    public const string Excluded = """
        using Processes;

        namespace Exposing;

        [Process]
        [ExposeInputs(typeof(Scale), Namespace = "inner", Exclude = new[] { "unit", "label" })]
        [ExposeOutputs(typeof(Scale), Namespace = "inner", Exclude = new[] { "result" })]
        public sealed partial class Excluded
        {
            public Scale BuildChild(string unit) => CreateInner(unit);

            public void Finish(Scale finished) => SetInnerOutputs(finished);

            private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch);

            private void Launch(StepContext context) => context.StartChild("inner", CreateInner("m"));
        }
        """;

    /// <summary>Exposes a process that itself exposes a child in a namespace.</summary>
    public const string Outer = """
        using Processes;

        namespace Exposing;

        [Process]
        [ExposeInputs(typeof(Nested))]
        public partial class Outer
        {
            public Nested BuildChild() => CreateNested();

            private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch);

            private void Launch(StepContext context) => context.StartChild("nested", CreateNested());
        }
        """;
}
