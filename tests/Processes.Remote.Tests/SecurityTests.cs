using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>The shared-secret challenge: refused clients get a typed error, the refusal is logged, good clients are served.</summary>
public sealed class SecurityTests(SharedWorker shared)
{
    [Fact]
    public async Task A_client_without_the_secret_is_refused_with_RemoteAuthenticationException_and_the_refusal_is_logged()
    {
        var error = await Assert.ThrowsAsync<RemoteAuthenticationException>(() => shared.Worker.ConnectWithSecretAsync(null)).Within();

        Assert.Contains("requires a shared secret", error.Message);
        Assert.True(await shared.Worker.LogContainsAsync("refused: The worker requires a shared secret and the client sent none."));
        await using var good = await shared.Worker.ConnectAsync().Within();
        Assert.Equal(64, (await good.RunAsync(new RemoteSquare { X = 8 }).Within()).Result);
    }

    [Fact]
    public async Task A_client_with_a_wrong_secret_is_refused_and_the_worker_still_serves_good_clients()
    {
        await using var good = await shared.Worker.ConnectAsync().Within();

        var error = await Assert.ThrowsAsync<RemoteAuthenticationException>(() => shared.Worker.ConnectWithSecretAsync("not the secret")).Within();

        Assert.Contains("proof of the shared secret is wrong", error.Message);
        Assert.True(await shared.Worker.LogContainsAsync("refused: The client's proof of the shared secret is wrong."));
        Assert.Equal(100, (await good.RunAsync(new RemoteSquare { X = 10 }).Within()).Result);
    }

    [Fact]
    public async Task A_pipe_nobody_listens_on_fails_with_RemoteProcessException_within_the_timeout()
    {
        var options = new ProcessClientOptions { ConnectTimeout = System.TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<RemoteProcessException>(() => ProcessClient.ConnectAsync(WorkerProcess.NewPipeName(), options)).Within();
    }
}
