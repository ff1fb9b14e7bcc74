using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

/// <summary>Scales a number (the child whose ports <see cref="ScalePipeline"/> exposes).</summary>
[Task]
public partial class ScaleNumber
{
    /// <summary>The number to scale.</summary>
    [Input, Range(0, 100)]
    public required int X { get; init; }

    /// <summary>The factor.</summary>
    [Input, Range(1, 10)]
    public int Factor { get; init; } = 3;

    /// <summary>The unit of the result.</summary>
    [Input, MinLength(1)]
    public required string Unit { get; init; }

    /// <summary>The scaled number.</summary>
    [Output]
    public int Result { get; private set; }

    /// <summary>The result with its unit.</summary>
    [Output]
    public string? Label { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        _ = context;
        Result = X * Factor;
        Label = Result.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Unit;
        return default;
    }
}

/// <summary>Exposes the child's inputs (but its unit) in a namespace, launches it and re-exports its outputs.</summary>
[Process]
[ExposeInputs(typeof(ScaleNumber), Namespace = "scale", Exclude = new[] { "unit" })]
[ExposeOutputs(typeof(ScaleNumber))]
public partial class ScalePipeline
{
    /// <summary>The unit, set by the pipeline rather than exposed.</summary>
    [Input]
    public string Unit { get; init; } = "m";

    /// <summary>The test script to call before collecting (see <see cref="TestHooks"/>).</summary>
    [Input]
    public string? Script { get; init; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch).Step(Collect);

    private void Launch(StepContext context) => context.StartChild("scale", CreateScale(Unit));

    private async ValueTask Collect(StepContext context)
    {
        await TestHooks.Run(Script, "collect", this, context);
        SetScaleNumberOutputs(context.GetChild<ScaleNumber>("scale"));
    }
}
