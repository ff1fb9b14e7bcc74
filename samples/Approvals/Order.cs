using System;
using System.ComponentModel.DataAnnotations;
using Processes;

namespace Approvals;

/// <summary>The payload of an approval event: who approved and up to what amount.</summary>
[PortNamespace]
public sealed partial class Approval
{
    /// <summary>Who approved.</summary>
    [StringLength(64, MinimumLength = 1)] public required string By { get; init; }

    /// <summary>The highest amount this approval covers.</summary>
    [Range(0, 1_000_000)] public int Limit { get; init; }
}

/// <summary>Reserves stock, waits for an approval (or a rejection, or the deadline), then ships or releases.</summary>
[Process(Name = "Sample.Order")]
public partial class Order
{
    /// <summary>The order's amount.</summary>
    [Input, Range(1, 1_000_000)] public required int Amount { get; init; }

    /// <summary>How long to wait for a decision, in milliseconds.</summary>
    [Input, Range(1, int.MaxValue)] public int DecisionTimeoutMs { get; init; } = 60_000;

    /// <summary>shipped (approved by …), rejected, over the limit, or timed out.</summary>
    [Output] public string Outcome { get; private set; } = "";

    /// <summary>How often stock was reserved (1 unless a step ran twice).</summary>
    [Output] public int Reservations { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Reserve).Step(AskForApproval).Step(Decide);

    private void Reserve(StepContext context)
    {
        Reservations++;
        context.ReportStatus($"reserved stock for {Amount}");
    }

    private void AskForApproval(StepContext context)
    {
        context.ReportStatus("waiting for approval");
        context.WaitForEvent("approval", TimeSpan.FromMilliseconds(DecisionTimeoutMs));
        context.WaitForEvent("rejection");
    }

    private void Decide(StepContext context)
    {
        if (context.TryGetEvent<Approval>("approval", out var approval))
        {
            Outcome = approval.Limit >= Amount ? $"shipped (approved by {approval.By})" : "over the limit";
        }
        else
        {
            Outcome = context.HasEvent("rejection") ? "rejected" : "timed out";
        }

        context.ReportStatus(Outcome);
    }
}
