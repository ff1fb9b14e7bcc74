using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;
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

    /// <summary>A pause after each item, so a watcher sees the order run (0 for none).</summary>
    [Input, Range(0, 60_000)] public int DelayPerItemMs { get; init; }

    /// <summary>The order's total, in cents.</summary>
    [Output] public long TotalCents { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _index < Items.Length, loop => loop.Step(PriceNextItem))
        .Step(Finish);

    // A checkpoint is taken after every step: a host stopped midway continues from the next item.
    private async ValueTask PriceNextItem(StepContext context)
    {
        var prices = context.Services.GetRequiredService<IPriceList>();
        _total += prices.PriceOf(Items[_index]);
        if (DelayPerItemMs > 0)
        {
            await Task.Delay(DelayPerItemMs, context.CancellationToken);
        }

        _index++;
        context.ReportStatus($"priced {_index} of {Items.Length}");
    }

    private void Finish() => TotalCents = _total;
}
