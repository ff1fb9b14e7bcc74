using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace Processes.Tests.QuickStart;

/// <summary>Squares a number.</summary>
[Task]
public partial class Square
{
    /// <summary>The number to square.</summary>
    [Input]
    public required int X { get; init; }

    [Output]
    public int Result { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        _ = context;
        Result = X * X;
        return default;
    }
}

[Process]
public partial class Relax
{
    [Input]
    public required Geometry Start { get; init; }

    [Input, Range(1, 1000)]
    public int MaxSteps { get; init; } = 50;

    [Input]
    public RelaxOptions Options { get; init; } = new();

    [Input]
    public Dictionary<string, double>? Extras { get; init; }

    [Output]
    public double Energy { get; private set; }

    [Output]
    public Geometry? Final { get; private set; }

    private int _step;

    [Transient]
    private object? _cache;

    public int Step => _step;

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Setup).While(NotDone, body => body.Step(Iterate));

    private void Setup()
    {
        _step = 0;
        _cache = new object();
    }

    private bool NotDone() => _step < MaxSteps;

    private void Iterate()
    {
        _step++;
        Energy = 1.0 / _step;
        Final = Start with { Label = Start.Label + "*" };
        _ = _cache;
    }
}

[PortNamespace]
public partial record RelaxOptions
{
    /// <summary>Convergence tolerance.</summary>
    [Range(1e-12, 1.0)]
    public double Tol { get; init; } = 1e-6;

    [Validator(nameof(CheckMode))]
    public string Mode { get; init; } = "bfgs";

    private static string? CheckMode(string mode) => mode is "bfgs" or "fire" ? null : "unknown mode";
}

[ProcessData]
public partial record Geometry(double[] Positions, string Label);
