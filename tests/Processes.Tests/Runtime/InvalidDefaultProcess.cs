using System.ComponentModel.DataAnnotations;

namespace Processes.Tests.Runtime;

/// <summary>A generated process whose computed default breaks its own Range: the analyzer cannot see it, the runtime must.</summary>
[Process]
public partial class InvalidDefaultProcess
{
    /// <summary>A computed default (42) outside the allowed range.</summary>
    [Input, Range(1, 10)]
    public int Count { get; init; } = ComputeDefault();

    [Output]
    public int Doubled { get; private set; }

    private static int ComputeDefault() => 42;

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Double);

    private void Double() => Doubled = Count * 2;
}
