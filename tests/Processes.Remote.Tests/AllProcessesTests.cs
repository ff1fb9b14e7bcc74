using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>Pause, play and kill all, on a worker of their own (they would disturb every other test).</summary>
public sealed class AllProcessesTests
{
    [Fact]
    public async Task Pause_all_play_all_and_kill_all_act_on_every_running_process()
    {
        await using var worker = await WorkerProcess.StartAsync();
        await using var client = await worker.ConnectAsync().Within();
        var handles = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.LaunchAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }).AsTask())).Within();
        await TestKit.Until(async () => await client.ListAsync(), list => list.Count == 3 && list.All(status => status.State == ProcessState.Running));

        Assert.Equal(3, await client.PauseAllAsync("maintenance").Within());
        Assert.All(await client.ListAsync().Within(), status => Assert.True(status.Paused));
        Assert.Equal(0, await client.PauseAllAsync().Within());
        Assert.Equal(3, await client.PlayAllAsync().Within());
        Assert.All(await client.ListAsync().Within(), status => Assert.False(status.Paused));
        Assert.Equal(3, await client.KillAllAsync("shutdown").Within());

        foreach (var handle in handles)
        {
            var error = await Assert.ThrowsAsync<ProcessKilledException>(async () => await handle.WaitAsync()).Within();
            Assert.Equal("shutdown", error.KillMessage);
        }

        await TestKit.Until(async () => await client.ListAsync(), list => list.Count == 0);
    }
}
