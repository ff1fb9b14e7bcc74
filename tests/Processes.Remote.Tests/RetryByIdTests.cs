using System;
using System.IO;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>Retrying an Excepted process on a worker by id, over the pipe.</summary>
public sealed class RetryByIdTests(SharedWorker shared) : IAsyncLifetime
{
    private ProcessClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await shared.Worker.ConnectAsync().Within();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task A_failed_process_is_retried_on_the_worker_from_its_last_good_checkpoint()
    {
        var flag = Path.Combine(Path.GetTempPath(), "processes-retry-" + Guid.NewGuid().ToString("N"));
        try
        {
            var handle = await _client.LaunchAsync(new RemoteFailsUntilFile { FixedWhenExists = flag }).Within();
            var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await handle.WaitAsync()).Within();
            Assert.Equal("not fixed yet", failure.Error.Message);

            await File.WriteAllTextAsync(flag, "fixed");
            var retried = await _client.RetryAsync<RemoteFailsUntilFile>(handle.Id).Within();

            Assert.Equal(11, (await retried.WaitAsync().Within()).Total);
        }
        finally
        {
            File.Delete(flag);
        }
    }

    [Fact]
    public async Task Retrying_a_finished_process_arrives_as_a_typed_error()
    {
        var flag = Path.Combine(Path.GetTempPath(), "processes-retry-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(flag, "fixed");
        try
        {
            var handle = await _client.LaunchAsync(new RemoteFailsUntilFile { FixedWhenExists = flag }).Within();
            Assert.Equal(11, (await handle.WaitAsync().Within()).Total);
            await Assert.ThrowsAnyAsync<ProcessException>(async () => await _client.RetryAsync<RemoteFailsUntilFile>(handle.Id)).Within();
        }
        finally
        {
            File.Delete(flag);
        }
    }
}
