using System;
using System.IO;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// One worker per pipe name: a second worker on a name another serves refuses to start with
/// <see cref="PipeNameInUseException"/> and the first keeps its clients; the socket file a killed
/// worker left behind does not block the next one.
/// </summary>
public sealed class PipeNameTests
{
    private const string Secret = "pipe name secret";

    [Fact]
    public async Task A_second_worker_on_a_name_another_OS_process_serves_throws_and_the_first_keeps_serving()
    {
        await using var first = await WorkerProcess.StartAsync(Secret).Within();
        await using var second = InProcessWorker.Create(Secret, pipeName: first.PipeName);

        var error = await Assert.ThrowsAsync<PipeNameInUseException>(() => second.Worker.StartAsync()).Within();

        Assert.Equal(first.PipeName, error.PipeName);
        Assert.Contains(first.PipeName, error.Message);
        await using var client = await first.ConnectAsync().Within();
        Assert.Equal(25, (await client.RunAsync(new RemoteSquare { X = 5 }).Within()).Result);
    }

    [Fact]
    public async Task A_second_worker_on_a_name_served_in_the_same_process_throws_and_the_first_keeps_serving()
    {
        await using var first = await InProcessWorker.StartAsync(Secret).Within();
        await using var second = InProcessWorker.Create(Secret, pipeName: first.PipeName);

        await Assert.ThrowsAsync<PipeNameInUseException>(() => second.Worker.StartAsync()).Within();

        // Every connection still reaches the first worker (a shared listener would split them).
        for (var i = 0; i < 5; i++)
        {
            await using var client = await first.ConnectAsync(Secret).Within();
            Assert.Equal(i * i, (await client.RunAsync(new RemoteSquare { X = i }).Within()).Result);
        }

        Assert.Equal(0, second.Worker.ConnectionCount);
    }

    [Fact]
    public async Task The_socket_file_of_a_killed_worker_does_not_block_a_new_worker()
    {
        // Disposed last: it deletes the socket file of its name, which is the new worker's by then.
        await using var killed = await WorkerProcess.StartAsync(Secret).Within();
        killed.Kill();
        var socket = Path.Combine(Path.GetTempPath(), "CoreFxPipe_" + killed.PipeName);
        Assert.True(OperatingSystem.IsWindows() || File.Exists(socket), "A killed worker leaves its socket file behind.");

        await using var next = await InProcessWorker.StartAsync(Secret, pipeName: killed.PipeName).Within();

        await using var client = await next.ConnectAsync(Secret).Within();
        Assert.Equal(49, (await client.RunAsync(new RemoteSquare { X = 7 }).Within()).Result);
    }

    [Fact]
    public async Task A_worker_that_could_not_start_starts_once_the_name_is_free()
    {
        var first = await InProcessWorker.StartAsync(Secret).Within();
        await using var second = InProcessWorker.Create(Secret, pipeName: first.PipeName);
        await Assert.ThrowsAsync<PipeNameInUseException>(() => second.Worker.StartAsync()).Within();

        await first.DisposeAsync();
        await second.Worker.StartAsync().Within();

        await using var client = await second.ConnectAsync(Secret).Within();
        Assert.Equal(64, (await client.RunAsync(new RemoteSquare { X = 8 }).Within()).Result);
    }
}
