using System.Threading.Tasks;
using Processes;

namespace PoolSample;

/// <summary>
/// A keyed single-instance process: at most one runs per ledger. Launching it again for a ledger
/// whose tally runs or waits joins that one (the default <see cref="DuplicatePolicy.Join"/>).
/// </summary>
[Process, SingleInstance(nameof(Ledger))]
public partial class Tally
{
    /// <summary>The ledger to tally: the single-instance key.</summary>
    [Input] public required string Ledger { get; init; }

    /// <summary>How many entries the ledger has.</summary>
    [Input] public required int Entries { get; init; }

    /// <summary>The sum of the entries 1..Entries.</summary>
    [Output] public long Total { get; private set; }

    private int _next = 1;
    private long _sum;

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _next <= Entries, loop => loop.Step(AddBatch))
        .Step(Finish);

    // Ten entries per step, with a pause, so a tally lasts long enough to be launched again while it runs.
    private async ValueTask AddBatch(StepContext context)
    {
        for (var end = _next + 10; _next < end && _next <= Entries; _next++)
        {
            _sum += _next;
        }

        await Task.Delay(20, context.CancellationToken);
    }

    private void Finish() => Total = _sum;
}
