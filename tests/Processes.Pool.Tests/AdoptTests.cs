using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>A pool that adopts a worker already running (started by someone else), alone or beside its own.</summary>
public sealed class AdoptTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task A_pool_of_an_adopted_worker_runs_work_there_and_leaves_the_worker_running_on_close()
    {
        var pipe = "prpadopt" + Guid.NewGuid().ToString("N")[..8];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { PoolKit.WorkerDll(), "--pipe", pipe, "--store", _store, "--secret", PoolKit.Secret })
        {
            start.ArgumentList.Add(argument);
        }

        using var worker = Process.Start(start)!;
        try
        {
            Assert.Equal("ready", await worker.StandardOutput.ReadLineAsync().Within());
            var pool = await PoolKit.StartAsync(_store, workers: 0, slots: 2, options => options with { AdoptPipeNames = [pipe] });
            var status = pool.GetStatus().Workers.Single();

            var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(x => pool.RunAsync(new RemoteSquare { X = x }).AsTask())).Within();
            await pool.DisposeAsync();

            Assert.True(status.Adopted);
            Assert.Null(status.OsProcessId);
            Assert.Equal(pipe, status.PipeName);
            Assert.Equal([1, 4, 9, 16], results.Select(result => result.Result));
            Assert.False(worker.HasExited);
        }
        finally
        {
            worker.Kill();
            worker.WaitForExit(10_000);
        }
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
