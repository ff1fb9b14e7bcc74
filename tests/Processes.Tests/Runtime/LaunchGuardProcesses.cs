namespace Processes.Tests.Runtime;

// These processes launch themselves on purpose; the compile-time cycle check (PRC0021) says so,
// and the runtime guard is what these tests are about.
#pragma warning disable PRC0021

/// <summary>Launches <see cref="PingCycle"/> with its own input; that one launches this one back with the same input: a cycle of two.</summary>
[Process]
public partial class PongCycle
{
    [Input] public required int Round { get; init; }

    [Output] public int Result { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch).Step(Collect);

    private void Launch(StepContext context) => context.StartChild("ping", new PingCycle { Round = Round });

    private void Collect(StepContext context) => Result = context.GetChild<PingCycle>("ping").Result;
}

/// <summary>The other half of <see cref="PongCycle"/>'s cycle.</summary>
[Process]
public partial class PingCycle
{
    [Input] public required int Round { get; init; }

    [Output] public int Result { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch).Step(Collect);

    private void Launch(StepContext context) => context.StartChild("pong", new PongCycle { Round = Round });

    private void Collect(StepContext context) => Result = context.GetChild<PongCycle>("pong").Result;
}

/// <summary>Launches itself one level deeper until <see cref="Bottom"/>: its inputs change at each level, so only the depth limit stops a deep one.</summary>
[Process]
public partial class Descend
{
    [Input] public required int Level { get; init; }

    [Input] public required int Bottom { get; init; }

    [Output] public int Reached { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline
        .If(() => Level < Bottom, deeper => deeper.Step(Launch).Step(Collect), bottom => bottom.Step(AtBottom));

    private void Launch(StepContext context) => context.StartChild("deeper", new Descend { Level = Level + 1, Bottom = Bottom });

    private void Collect(StepContext context) => Reached = context.GetChild<Descend>("deeper").Reached;

    private void AtBottom() => Reached = Level;
}
