using Microsoft.Extensions.DependencyInjection;
using Processes;

namespace HostedWorker;

/// <summary>Prices an order one item per step, with the <see cref="IPriceList"/> from the host's container.</summary>
[Process]
public partial class PriceOrder
{
    private int _index;
    private long _total;

    /// <summary>The items ordered.</summary>
    [Input] public required string[] Items { get; init; }

    /// <summary>The order's total, in cents.</summary>
    [Output] public long TotalCents { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _index < Items.Length, loop => loop.Step(PriceNextItem))
        .Step(Finish);

    // A checkpoint is taken after every step: a host stopped midway continues from the next item.
    private void PriceNextItem(StepContext context)
    {
        var prices = context.Services.GetRequiredService<IPriceList>();
        _total += prices.PriceOf(Items[_index]);
        _index++;
        context.ReportStatus($"priced {_index} of {Items.Length}");
    }

    private void Finish() => TotalCents = _total;
}
