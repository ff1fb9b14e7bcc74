using System.Collections.Generic;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

/// <summary>A generated process whose steps call a test script, so a test can stop it at an exact point.</summary>
[Process]
public partial class Countdown
{
    /// <summary>Where to count down from.</summary>
    [Input]
    public required int From { get; init; }

    /// <summary>The test script to call on every tick (see <see cref="TestHooks"/>).</summary>
    [Input]
    public string? Script { get; init; }

    /// <summary>Every value counted, in order.</summary>
    [Output]
    public List<int>? Counted { get; private set; }

    private int _remaining;
    private List<int> _counted = new();

    public int Remaining => _remaining;

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Start)
        .While(() => _remaining > 0, loop => loop.Step(Tick))
        .Step(Finish);

    private void Start() => _remaining = From;

    private async ValueTask Tick(StepContext context)
    {
        await TestHooks.Run(Script, "tick", this, context);
        _counted.Add(_remaining);
        _remaining--;
    }

    private void Finish() => Counted = _counted;
}
