using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Processes.CrashHarness;

// dotnet Processes.CrashHarness.dll --trials N [--seed S] [--store file]   runs the crash suite
// dotnet Processes.CrashHarness.dll child launch|continue STORE DIR ID LEDGER  one run, killed by the driver
// dotnet Processes.CrashHarness.dll --workflow --trials N [--seed S]        the workflow features (fan-out, timer, event, retry) under SIGKILL
// dotnet Processes.CrashHarness.dll --chunked-map --trials N [--seed S] [--store file|sqlite]  a map chunked into children under SIGKILL
// dotnet Processes.CrashHarness.dll --retry-by-id --trials N [--seed S] [--store file|sqlite]  an Excepted process retried by id (RetryAsync) under SIGKILL
if (args.Length > 0 && args[0] == "child")
{
    return await RunChildAsync(args[1], args[2], args[3], Guid.Parse(args[4]), args[5]);
}

if (args.Length > 0 && args[0] == "workflow-child")
{
    return await WorkflowDriver.RunChildAsync(args[1], args[2], Guid.Parse(args[3]), args[4]);
}

if (args.Length > 0 && args[0] == "chunk-child")
{
    return await ChunkDriver.RunChildAsync(args[1], args[2], args[3], Guid.Parse(args[4]), args[5]);
}

if (args.Length > 0 && args[0] == "retry-child")
{
    return await RetryDriver.RunChildAsync(args[1], args[2], args[3], Guid.Parse(args[4]), args[5], args[6], args[7] == "child");
}

var trials = Option("--trials", 20);
var seed = Option("--seed", 1);
var storeKind = args.SkipWhile(arg => arg != "--store").Skip(1).FirstOrDefault() ?? "file";
var race = Option("--race", 0);
var workflow = args.Contains("--workflow");
var report = args.Contains("--chunked-map")
    ? await ChunkDriver.RunAsync(typeof(CrashDriver).Assembly.Location, storeKind, trials, seed)
    : args.Contains("--retry-by-id")
    ? await RetryDriver.RunAsync(typeof(CrashDriver).Assembly.Location, storeKind, trials, seed)
    : workflow
    ? await WorkflowDriver.RunAsync(typeof(CrashDriver).Assembly.Location, trials, seed)
    : race > 0
        ? await CrashDriver.RunRacesAsync(typeof(CrashDriver).Assembly.Location, storeKind, race)
        : await CrashDriver.RunAsync(typeof(CrashDriver).Assembly.Location, storeKind, trials, seed);
Console.WriteLine(report);
foreach (var problem in report.Problems)
{
    Console.WriteLine("  " + problem);
}

return report.Problems.Count == 0 ? 0 : 1;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

static async Task<int> RunChildAsync(string mode, string storeKind, string directory, Guid id, string ledger)
{
    var store = await CrashStores.OpenAsync(storeKind, directory);
    await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
    if (mode == "launch-paused")
    {
        await Launch(paused: true);
        Console.WriteLine("launched");
        return 0;
    }

    ProcessHandle<CrashSum> handle;
    try
    {
        handle = mode == "launch"
            ? await Launch()
            : await runtime.ContinueAsync<CrashSum>(new ProcessId(id), new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(40) });
    }
    catch (CheckpointNotFoundException)
    {
        // Killed before the launch's first checkpoint was stored: nothing was launched, so launch.
        handle = await Launch();
    }

    if (handle.Status.Paused)
    {
        await handle.PlayAsync();
    }

    var result = await handle.WaitAsync();

    ValueTask<ProcessHandle<CrashSum>> Launch(bool paused = false) =>
        runtime.LaunchAsync(new CrashSum { Count = CrashDriver.Turns, LedgerPath = ledger }, new LaunchOptions { Id = new ProcessId(id), StartPaused = paused });
    Console.WriteLine($"done {result.Total}");
    return 0;
}
