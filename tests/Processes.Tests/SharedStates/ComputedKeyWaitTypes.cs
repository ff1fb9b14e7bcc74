using System.Threading.Tasks;

namespace Processes.Tests.SharedStates;

/// <summary>
/// A process whose first step chooses which tally to wait for (kept in its state), and whose
/// outline waits for that tally with a key computed when the outline reaches the wait.
/// </summary>
[Process]
public partial class OutlineAwaitChosenTally
{
    [Input] public required string Prefix { get; init; }
    [Input] public required int Round { get; init; }
    [Input] public required int Target { get; init; }
    [Input] public double TimeoutSeconds { get; init; }
    [Output] public string Waited { get; private set; } = "";
    [Output] public int Seen { get; private set; }

    private string _chosen = "";

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Choose)
        .If(
            () => TimeoutSeconds > 0,
            within => within.WaitForState<Tally>(() => _chosen, tally => tally.Count >= Target, System.TimeSpan.FromSeconds(TimeoutSeconds)),
            always => always.WaitForState<Tally>(() => _chosen, tally => tally.Count >= Target))
        .Step(Finish);

    private void Choose() => _chosen = Prefix + "-round-" + Round.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async ValueTask Finish(StepContext context)
    {
        Waited = _chosen;
        Seen = (await context.SharedStates.GetAsync<Tally>(_chosen)).State.Count;
    }
}
