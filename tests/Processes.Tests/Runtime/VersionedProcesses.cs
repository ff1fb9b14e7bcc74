using System.Threading;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

// Two deployments of one order process, simulated in one assembly: each version is its own class
// with its own registered name, and a test runtime's registry maps the first version's name to the
// descriptor it "deploys" (ProcessRegistry.RegisterAlias).

/// <summary>Where <c>Hold</c> waits: the tests stop a runtime there, mid-run. Open unless a test closes it.</summary>
public static class OrderHold
{
    private static TaskCompletionSource _open = Opened();
    private static TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task Entered => _entered.Task;

    public static void Close()
    {
        _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static void Open() => _open.TrySetResult();

    public static async ValueTask Pass(CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}

/// <summary>Version 1: reserve, hold, ship (outline fingerprint 8d7b3c51c3b5ff73).</summary>
[Process(Name = "Tests.Versioned.Order")]
public partial class OrderV1
{
    [Output] public int Total { get; private set; }

    [Output] public string Trail { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Reserve).Step(Hold).Step(Ship);

    private void Reserve() { Total += 10; Trail += "reserve;"; }

    private async ValueTask Hold(StepContext context) { Trail += "hold;"; await OrderHold.Pass(context.CancellationToken); }

    private void Ship() { Total += 1; Trail += "ship;"; }
}

/// <summary>Version 2 without a migration: an audit step inserted at the start moves every position by one.</summary>
[Process(Name = "Tests.Versioned.Order.V2")]
public partial class OrderV2
{
    [Output] public int Total { get; private set; }

    [Output] public string Trail { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Audit).Step(Reserve).Step(Hold).Step(Ship);

    private void Audit() => Trail += "audit;";

    private void Reserve() { Total += 10; Trail += "reserve;"; }

    private async ValueTask Hold(StepContext context) { Trail += "hold;"; await OrderHold.Pass(context.CancellationToken); }

    private void Ship() { Total += 1; Trail += "ship;"; }
}

/// <summary>Version 2 with its migration from version 1.</summary>
[Process(Name = "Tests.Versioned.Order.V2Migrated")]
public partial class OrderV2Migrated
{
    public const string Version1Fingerprint = "8d7b3c51c3b5ff73";

    [Output] public int Total { get; private set; }

    [Output] public string Trail { get; private set; } = "";

    private bool _audited;

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Audit).Step(Reserve).Step(Hold).Step(Ship);

    // Version 1's position n is version 2's n + 1; its orders were never audited, so say so.
    [OutlineMigration(Version1Fingerprint)]
    private int FromVersion1(int position)
    {
        Trail += "migrated;";
        _audited = false;
        return position + 1;
    }

    private void Audit() { _audited = true; Trail += "audit;"; }

    private void Reserve() { Total += 10; Trail += "reserve;"; }

    private async ValueTask Hold(StepContext context) { Trail += "hold;"; await OrderHold.Pass(context.CancellationToken); }

    private void Ship() { Total += 1; Trail += _audited ? "ship;" : "ship-unaudited;"; }
}

/// <summary>Version 2 with a migration that maps to a position its outline does not have.</summary>
[Process(Name = "Tests.Versioned.Order.V2MigratedBadly")]
public partial class OrderV2MigratedBadly
{
    [Output] public int Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Audit).Step(Reserve).Step(Ship);

    [OutlineMigration(OrderV2Migrated.Version1Fingerprint)]
    private static int FromVersion1(int position) => position + 98;

    private void Audit() { }

    private void Reserve() => Total += 10;

    private void Ship() => Total += 1;
}
