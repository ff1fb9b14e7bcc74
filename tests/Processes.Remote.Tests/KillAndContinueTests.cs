using System;
using System.IO;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>A worker killed mid-process: a new worker on the same checkpoint store continues it by id to the same outputs.</summary>
public sealed class KillAndContinueTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "prt-store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_process_continued_by_a_new_worker_after_a_crash_ends_with_the_outputs_of_an_uninterrupted_run()
    {
        ProcessId id;
        await using (var first = await WorkerProcess.StartAsync(store: _store))
        {
            await using var client = await first.ConnectAsync().Within();
            var handle = await client.LaunchAsync(new RemoteSumOfSquares { Count = 6, ChildDelayMs = 150 }).Within();
            id = handle.Id;
            // Kill it once some children are collected and others are not: a genuine mid-process crash.
            await TestKit.Until(async () => await handle.GetStatusAsync(), status => Collected(status) is >= 1 and <= 4);

            first.Kill();
        }

        await using var second = await WorkerProcess.StartAsync(store: _store);
        await using var again = await second.ConnectAsync().Within();
        var before = await again.GetStatusAsync(id).Within();
        var continued = await again.ContinueAndWaitAsync<RemoteSumOfSquares>(id).Within();
        var uninterrupted = await again.RunAsync(new RemoteSumOfSquares { Count = 6 }).Within();

        Assert.False(before.State is ProcessState.Finished or ProcessState.Killed or ProcessState.Excepted, $"The first worker finished it before the kill: {before}");
        Assert.Equal(uninterrupted.Total, continued.Total);
        Assert.Equal(uninterrupted.Summary, continued.Summary);
        Assert.Equal(RemoteSumOfSquares.Expected(6), continued.Total);
        Assert.Equal(6, continued.Count);
        Assert.Equal(ProcessState.Finished, (await again.GetStatusAsync(id).Within()).State);
    }

    private static int Collected(ProcessStatus status) =>
        status.StatusMessage is { } message && message.StartsWith("collected ", StringComparison.Ordinal)
            ? int.Parse(message["collected ".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }
}
