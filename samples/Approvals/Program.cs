using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Approvals;
using Processes;
using Processes.Checkpoints;

// Approvals: an order waits for an approval event or a timeout. The first OS process launches two
// orders and is killed (SIGKILL) while they wait; this process raises the approval into the stored
// checkpoint, continues both orders and checks their outcomes. See docs/concepts/events.md.
const string LaunchedPrefix = "LAUNCHED ";

if (args is ["--launch", var storeDirectory])
{
    return await LaunchAndWaitToBeKilledAsync(storeDirectory);
}

var directory = Path.Combine(Path.GetTempPath(), "processes-approvals-" + Guid.NewGuid().ToString("N"));
try
{
    Console.WriteLine("1. Another OS process launches two orders; both wait for a decision, and it is killed:");
    var (approved, unanswered) = await LaunchInAnotherProcessAndKillItAsync(directory);
    Console.WriteLine($"   order {approved} (waits up to 10 min) and order {unanswered} (waits up to 2 s) are stored, waiting");

    await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(directory) });

    Console.WriteLine("2. The approval is raised while nothing runs the order: it goes into its checkpoint:");
    var raised = await runtime.RaiseEventAsync(approved, "approval", new Approval { By = "ann", Limit = 500 });
    Console.WriteLine($"   {raised.Outcome}: {raised.Message}");

    Console.WriteLine("3. Both orders are continued here:");
    var first = await runtime.ContinueAsync<Order>(approved);
    var second = await runtime.ContinueAsync<Order>(unanswered);
    var shipped = await first.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    var expired = await second.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    Console.WriteLine($"   {approved}: {shipped.Outcome}, stock reserved {shipped.Reservations} time(s)");
    Console.WriteLine($"   {unanswered}: {expired.Outcome}, stock reserved {expired.Reservations} time(s)");

    Console.WriteLine("4. An approval for a finished order is rejected, with the reason:");
    var late = await runtime.RaiseEventAsync(approved, "approval", new Approval { By = "bob", Limit = 500 });
    Console.WriteLine($"   {late.Outcome}: {late.Message}");

    var right = raised.Outcome == ProcessEventOutcome.Stored
        && shipped is { Outcome: "shipped (approved by ann)", Reservations: 1 }
        && expired is { Outcome: "timed out", Reservations: 1 }
        && late.Outcome == ProcessEventOutcome.Rejected;
    Console.WriteLine(right ? "Done." : "Wrong outcomes.");
    return right ? 0 : 1;
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

// The first OS process: launches the orders, prints their ids once both wait, and waits to be killed.
static async Task<int> LaunchAndWaitToBeKilledAsync(string storeDirectory)
{
    var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(storeDirectory) });
    var approved = await runtime.LaunchAsync(new Order { Amount = 250, DecisionTimeoutMs = 600_000 });
    var unanswered = await runtime.LaunchAsync(new Order { Amount = 80, DecisionTimeoutMs = 2_000 });
    while (approved.State != ProcessState.Waiting || unanswered.State != ProcessState.Waiting)
    {
        await Task.Delay(10);
    }

    Console.WriteLine($"{LaunchedPrefix}{approved.Id} {unanswered.Id}");
    await Task.Delay(Timeout.Infinite);
    return 0;
}

static async Task<(ProcessId Approved, ProcessId Unanswered)> LaunchInAnotherProcessAndKillItAsync(string storeDirectory)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add("--launch");
    start.ArgumentList.Add(storeDirectory);
    using var launcher = Process.Start(start) ?? throw new InvalidOperationException("The launching process did not start.");
    try
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await launcher.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(LaunchedPrefix, StringComparison.Ordinal))
            {
                var ids = line[LaunchedPrefix.Length..].Split(' ');
                return (ProcessId.Parse(ids[0]), ProcessId.Parse(ids[1]));
            }
        }

        throw new InvalidOperationException("The launching process ended without launching the orders.");
    }
    finally
    {
        // SIGKILL: no shutdown, no release of leases; the checkpoints are all that is left.
        launcher.Kill(entireProcessTree: true);
        await launcher.WaitForExitAsync();
    }
}
