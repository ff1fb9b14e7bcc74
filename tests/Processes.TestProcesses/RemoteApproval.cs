using System;
using System.ComponentModel.DataAnnotations;

namespace Processes.TestProcesses;

/// <summary>The payload of a remote approval event.</summary>
[PortNamespace]
public sealed partial class RemoteDecision
{
    /// <summary>Who decided.</summary>
    [StringLength(64, MinimumLength = 1)] public required string By { get; init; }
}

/// <summary>Waits for an "approval" event (at most <see cref="TimeoutMs"/> when positive) and reports who approved.</summary>
[Process]
public partial class RemoteApproval
{
    [Input] public int TimeoutMs { get; init; }
    [Output] public string Outcome { get; private set; } = "";

    /// <summary>Emitted before the wait, so a status read while it waits lists it.</summary>
    [Output] public string Asked { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Ask).Step(Decide);

    private void Ask(StepContext context)
    {
        Asked = "asked";
        context.EmitOutput(nameof(Asked));
        if (TimeoutMs > 0)
        {
            context.WaitForEvent("approval", TimeSpan.FromMilliseconds(TimeoutMs));
        }
        else
        {
            context.WaitForEvent("approval");
        }
    }

    private void Decide(StepContext context) =>
        Outcome = context.TryGetEvent<RemoteDecision>("approval", out var decision) ? "approved by " + decision.By : "timed out";
}
