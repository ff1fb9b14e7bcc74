using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Tests.Durability;

/// <summary>
/// The crash-consistency suite, bounded for CI: tests/Processes.CrashHarness kills a parent with
/// children with SIGKILL at random points (fixed seed), continues it in a new OS process each
/// time, and fails when any finished step or child ran again beyond the one running at a kill, or
/// a total is wrong. For a long run: <c>dotnet run -c Release --project tests/Processes.CrashHarness -- --trials 100</c>.
/// </summary>
public sealed class CrashConsistencyTests
{
    [Theory]
    [InlineData("file", 8)]
    [InlineData("sqlite", 5)]
    public async Task Random_SIGKILLs_of_a_parent_with_children_rerun_only_what_was_running(string store, int trials)
    {
        var (exitCode, output) = await RunHarnessAsync("--trials", trials.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "20261202", "--store", store);
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 wrong total(s)", output);
    }

    [Fact]
    public async Task Random_SIGKILLs_of_a_workflow_with_a_bounded_fan_out_a_timer_an_event_and_a_retry_lose_nothing()
    {
        var (exitCode, output) = await RunHarnessAsync("--workflow", "--trials", "3", "--seed", "20261203");
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 wrong total(s)", output);
    }

    [Theory]
    [InlineData("file", 4)]
    [InlineData("sqlite", 2)]
    public async Task SIGKILLs_of_a_process_retried_by_id_continue_it_from_its_last_good_checkpoint_and_rerun_nothing_that_finished(string store, int trials)
    {
        // Failed steps and failed children in turn, each retried by id in OS processes killed in
        // the retried part, in a retry policy's back-off and at random.
        var (exitCode, output) = await RunHarnessAsync("--retry-by-id", "--trials", trials.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "20261203", "--store", store);
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 wrong total(s)", output);
        Assert.Contains("0 step rerun(s), 0 child rerun(s)", output);
    }

    [Fact]
    public async Task SIGKILLs_in_the_middle_of_a_map_chunked_into_children_rerun_only_the_chunks_that_were_running()
    {
        var (exitCode, output) = await RunHarnessAsync("--chunked-map", "--trials", "4", "--seed", "20261203");
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 wrong total(s)", output);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("sqlite")]
    public async Task Two_OS_processes_continuing_one_process_at_once_run_it_once(string store)
    {
        var (exitCode, output) = await RunHarnessAsync("--race", "3", "--store", store);
        Assert.True(exitCode == 0, output);
    }

    private static async Task<(int ExitCode, string Output)> RunHarnessAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HarnessPath());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    // The harness builds beside this project (same configuration and framework).
    private static string HarnessPath()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = bin.Name;
        var configuration = bin.Parent!.Name;
        var tests = bin.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(tests, "Processes.CrashHarness", "bin", configuration, framework, "Processes.CrashHarness.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Processes.CrashHarness first.", dll);
    }
}
