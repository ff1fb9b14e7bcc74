using System.Threading;
using System.Threading.Tasks;
using Processes;

namespace Versioning;

// Two deployments of one process, in one program: each version is its own class with its own
// name, and the runtime that "deploys" version 2 maps version 1's name to it
// (ProcessRegistry.RegisterAlias). In a real deployment you edit the class in place.

/// <summary>Version 1: reserve, hold (where the sample stops it), charge.</summary>
[Process(Name = "Sample.Fulfil")]
public partial class FulfilV1
{
    /// <summary>The amount to charge.</summary>
    [Input] public required int Amount { get; init; }

    /// <summary>What was charged.</summary>
    [Output] public int Charged { get; private set; }

    /// <summary>How often stock was reserved (1 when all is well).</summary>
    [Output] public int Reservations { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Reserve).Step(Hold).Step(Charge);

    private void Reserve() => Reservations++;

    private ValueTask Hold(StepContext context) => Warehouse.HoldAsync(context.CancellationToken);

    private void Charge() => Charged = Amount;
}

/// <summary>Version 2 as first written: an audit inserted at the start, and no migration.</summary>
[Process(Name = "Sample.Fulfil.V2")]
public partial class FulfilV2
{
    /// <summary>The amount to charge.</summary>
    [Input] public required int Amount { get; init; }

    /// <summary>What was charged.</summary>
    [Output] public int Charged { get; private set; }

    /// <summary>How often stock was reserved (1 when all is well).</summary>
    [Output] public int Reservations { get; private set; }

    /// <summary>True when the order went through the audit.</summary>
    [Output] public bool Audited { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Audit).Step(Reserve).Step(Hold).Step(Charge);

    private void Audit() => Audited = true;

    private void Reserve() => Reservations++;

    private ValueTask Hold(StepContext context) => Warehouse.HoldAsync(context.CancellationToken);

    private void Charge() => Charged = Amount;
}

/// <summary>Version 2 with its migration from version 1.</summary>
[Process(Name = "Sample.Fulfil.V2Migrated")]
public partial class FulfilV2Migrated
{
    /// <summary>Version 1's outline fingerprint, as the error (or its generated descriptor) reports it.</summary>
    public const string Version1 = "06c83438fa357135";

    /// <summary>The amount to charge.</summary>
    [Input] public required int Amount { get; init; }

    /// <summary>What was charged.</summary>
    [Output] public int Charged { get; private set; }

    /// <summary>How often stock was reserved (1 when all is well).</summary>
    [Output] public int Reservations { get; private set; }

    /// <summary>True when the order went through the audit.</summary>
    [Output] public bool Audited { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Audit).Step(Reserve).Step(Hold).Step(Charge);

    // Version 1's position n is version 2's n + 1, except that an order not started yet starts
    // with the audit.
    [OutlineMigration(Version1)]
    private static int FromVersion1(int position) => position == 0 ? 0 : position + 1;

    private void Audit() => Audited = true;

    private void Reserve() => Reservations++;

    private ValueTask Hold(StepContext context) => Warehouse.HoldAsync(context.CancellationToken);

    private void Charge() => Charged = Amount;
}

/// <summary>Where <c>Hold</c> waits: closed while version 1 runs, so the sample can stop it there.</summary>
public static class Warehouse
{
    private static readonly TaskCompletionSource Released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TaskCompletionSource Reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a process first waits in <c>Hold</c>.</summary>
    public static Task HoldReached => Reached.Task;

    /// <summary>Lets every <c>Hold</c>, now and later, pass.</summary>
    public static void Release() => Released.TrySetResult();

    /// <summary>The body of the <c>Hold</c> steps.</summary>
    public static async ValueTask HoldAsync(CancellationToken cancellationToken)
    {
        Reached.TrySetResult();
        await Released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
