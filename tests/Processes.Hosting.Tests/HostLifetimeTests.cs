using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processes.Checkpoints;
using Processes.Remote;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Hosting.Tests;

public sealed class HostLifetimeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_process_stopped_mid_run_by_the_host_keeps_its_checkpoint_and_a_second_host_continues_it_to_the_right_outputs()
    {
        ProcessId id;
        using (var first = BuildHost(continueOnStart: false))
        {
            await first.StartAsync().WaitAsync(Timeout);
            var runtime = first.Services.GetRequiredService<ProcessRuntime>();
            var handle = await runtime.LaunchAsync(new RemoteSumOfSquares { Count = 6, ChildDelayMs = 150 });
            id = handle.Id;
            await WaitUntilAsync(() => handle.Status.StatusMessage is "collected 2");
            await first.StopAsync().WaitAsync(Timeout);

            // Detached, not failed: the store still holds an unfinished checkpoint.
            var stored = await runtime.Store.LoadAsync(id);
            Assert.NotNull(stored);
            Assert.True(stored.Info.State is ProcessState.Running or ProcessState.Waiting or ProcessState.Created, $"state {stored.Info.State}");
        }

        using var second = BuildHost(continueOnStart: true);
        await second.StartAsync().WaitAsync(Timeout);
        var secondRuntime = second.Services.GetRequiredService<ProcessRuntime>();
        Assert.True(secondRuntime.TryGetProcess(id, out _), "the second host continued the process at start");
        var continued = await secondRuntime.ContinueAsync<RemoteSumOfSquares>(id);
        var outputs = await continued.WaitAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(RemoteSumOfSquares.Expected(6), outputs.Total);
        Assert.Equal("sum of 6 squares", outputs.Summary);
        await second.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_configured_pipe_is_served_while_the_host_runs_and_closed_when_it_stops()
    {
        var pipe = "processes-host-" + Guid.NewGuid().ToString("N")[..12];
        using var host = BuildHost(continueOnStart: false, new() { ["Processes:Worker:PipeName"] = pipe, ["Processes:Worker:SharedSecret"] = "a secret of the test" });
        await host.StartAsync().WaitAsync(Timeout);
        await using (var client = await ProcessClient.ConnectAsync(pipe, new ProcessClientOptions { SharedSecret = Encoding.UTF8.GetBytes("a secret of the test") }))
        {
            var square = await client.RunAsync(new RemoteSquare { X = 9 }).AsTask().WaitAsync(Timeout);
            Assert.Equal(81, square.Result);
        }

        await host.StopAsync().WaitAsync(Timeout);
        await Assert.ThrowsAsync<RemoteProcessException>(async () =>
            await ProcessClient.ConnectAsync(pipe, new ProcessClientOptions { SharedSecret = Encoding.UTF8.GetBytes("a secret of the test"), ConnectTimeout = TimeSpan.FromMilliseconds(500) }));
    }

    [Fact]
    public async Task The_secret_file_is_read_without_its_trailing_line_break_and_a_bad_key_fails_the_start()
    {
        Directory.CreateDirectory(_directory);
        var secretFile = Path.Combine(_directory, "secret");
        await File.WriteAllTextAsync(secretFile, "a secret from a file\n");
        var pipe = "processes-host-" + Guid.NewGuid().ToString("N")[..12];
        using (var host = BuildHost(continueOnStart: false, new() { ["Processes:Worker:PipeName"] = pipe, ["Processes:Worker:SharedSecretFile"] = secretFile }))
        {
            await host.StartAsync().WaitAsync(Timeout);
            await using (var client = await ProcessClient.ConnectAsync(pipe, new ProcessClientOptions { SharedSecret = Encoding.UTF8.GetBytes("a secret from a file") }))
            {
                Assert.Equal(16, (await client.RunAsync(new RemoteSquare { X = 4 })).Result);
            }

            await host.StopAsync().WaitAsync(Timeout);
        }

        using var broken = BuildHost(continueOnStart: false, new() { ["Processes:Worker:SharedSecretFile"] = Path.Combine(_directory, "missing") , ["Processes:Worker:PipeName"] = pipe });
        var error = await Assert.ThrowsAsync<ProcessesConfigurationException>(() => broken.StartAsync().WaitAsync(Timeout));
        Assert.Equal("Processes:Worker:SharedSecretFile", error.Key);
    }

    private IHost BuildHost(bool continueOnStart, Dictionary<string, string?>? extra = null)
    {
        TestProcessCatalog.Register();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var values = new Dictionary<string, string?>
        {
            ["Processes:Store:Kind"] = "File",
            ["Processes:Store:Path"] = _directory,
            ["Processes:ContinueUnfinishedOnStart"] = continueOnStart ? "true" : "false",
        };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddProcesses(builder.Configuration.GetSection("Processes"))
            .Register<RemoteSumOfSquares>()
            .Register<RemoteSquare>();
        return builder.Build();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(10);
        }
    }
}
