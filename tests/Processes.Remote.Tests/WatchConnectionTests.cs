using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>A watch over a pipe whose worker dies: the enumeration ends with the connection's typed error, never hangs or ends as if nothing happened.</summary>
public sealed class WatchConnectionTests
{
    [Fact]
    public async Task A_watch_of_a_worker_killed_with_SIGKILL_throws_the_connection_error()
    {
        await using var worker = await WorkerProcess.StartAsync();
        await using var client = await worker.ConnectAsync().Within();
        var waiting = await client.LaunchAsync(new RemoteApproval()).Within();
        await TestKit.Until(async () => await waiting.GetStatusAsync(), status => status.State == ProcessState.Waiting);

        using var stop = new CancellationTokenSource(WorkerProcess.Timeout);
        await using var watch = client.WatchAsync(waiting.Id, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(ProcessState.Waiting, watch.Current.State);

        worker.Kill();

        var failure = await Assert.ThrowsAnyAsync<RemoteProcessException>(async () => await watch.MoveNextAsync()).WaitAsync(WorkerProcess.Timeout);
        Assert.Contains("connection", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(stop.IsCancellationRequested, "the watch ended by its timeout, not by the broken connection");
        Assert.False(client.IsConnected);
    }
}
