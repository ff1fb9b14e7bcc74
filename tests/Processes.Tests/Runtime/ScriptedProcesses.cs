using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

// Generated processes whose steps call a test script (see TestHooks), so a runtime test can block,
// fail or change a step at an exact point without a new process class per test.

/// <summary>A task: squares X, after running its script.</summary>
[Task(Name = "Processes.Tests.ScriptedSquare")]
public partial class ScriptedSquare
{
    [Input, Range(0, int.MaxValue)]
    public required int X { get; init; }

    [Input]
    public string? Script { get; init; }

    [Output]
    public int Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        await TestHooks.Run(Script, "run", this, context);
        Result = X * X;
    }
}

/// <summary>A process: launches one ScriptedSquare child per turn of a loop and sums their results.</summary>
[Process(Name = "Processes.Tests.ScriptedSumOfSquares")]
public partial class ScriptedSumOfSquares
{
    private int _index;
    private int _sum;
    private List<string> _trace = new();

    [Input, Range(0, 100)]
    public required int Count { get; init; }

    [Input]
    public string? Script { get; init; }

    [Input]
    public string? ChildScript { get; init; }

    [Output]
    public int Total { get; private set; }

    /// <summary>A required output of reference type: null means missing.</summary>
    [Output]
    public string Summary { get; set; } = null!;

    /// <summary>Every step that ran, in order (state: checkpointed).</summary>
    public List<string> Trace => _trace;

    public int Index => _index;

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Setup)
        .While(() => _index < Count, loop => loop.Step(LaunchSquare).Step(Collect))
        .If(() => Script == "return-early", then => then.Return(3, "returned early"))
        .Step(Finish);

    private ValueTask Setup(StepContext context)
    {
        _trace.Add("setup");
        return TestHooks.Run(Script, "setup", this, context);
    }

    private async ValueTask LaunchSquare(StepContext context)
    {
        _trace.Add("launch" + _index);
        context.StartChild("square" + _index, new ScriptedSquare { X = _index + 1, Script = ChildScript });
        await TestHooks.Run(Script, "launch", this, context);
    }

    private async ValueTask Collect(StepContext context)
    {
        _trace.Add("collect" + _index);
        _sum += context.GetChild<ScriptedSquare>("square" + _index).Result;
        _index++;
        await TestHooks.Run(Script, "collect", this, context);
    }

    private async ValueTask Finish(StepContext context)
    {
        _trace.Add("finish");
        Total = _sum;
        Summary = $"sum of {Count} squares";
        await TestHooks.Run(Script, "finish", this, context);
    }
}
