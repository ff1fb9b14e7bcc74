using System.ComponentModel.DataAnnotations;

namespace Processes.Tests.Runtime;

/// <summary>Emits a running total after its first step, then waits for an event before it ends.</summary>
[Process]
public partial class EmitsEarly
{
    [Input] public int First { get; init; } = 5;
    [Input] public string Emit { get; init; } = nameof(PartialSum);
    [Output, Range(0, 100)] public int PartialSum { get; private set; }
    [Output] public required string Summary { get; set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Start).Step(End);

    private void Start(StepContext context)
    {
        PartialSum = First;
        context.EmitOutput(Emit);
        context.WaitForEvent("go");
    }

    private void End(StepContext context) => Summary = $"sum {PartialSum}";
}
