using System.ComponentModel.DataAnnotations;
using System.Linq;
using Processes;

namespace Processes.RabbitMQ.TestWorker;

/// <summary>A parent that starts all its children at once (an unbounded fan-out) and sums their squares in the next step.</summary>
[Process]
public partial class BrokerFanIn
{
    [Input, Range(1, 100)] public required int Count { get; init; }

    [Input] public int ChildDelayMs { get; init; }

    [Input] public string LedgerPath { get; init; } = "";

    [Input] public string Tag { get; init; } = "";

    [Output] public long Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch).Step(Collect);

    private void Launch(StepContext context) =>
        context.StartChildren("square", Enumerable.Range(1, Count).Select(x => new BrokerSquare { X = x, DelayMs = ChildDelayMs, LedgerPath = LedgerPath, Tag = Tag }));

    private void Collect(StepContext context)
    {
        Total = context.GetChildren<BrokerSquare>("square").Sum(child => child.Result);
        Ledger.Append(LedgerPath, $"{Tag} fan-in {Total}");
    }
}
