using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Remote;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Cli.Tests;

/// <summary>The commands against a real worker on a pipe (in this test process), with a shared secret from a file.</summary>
public sealed class WorkerCommandTests : IAsyncLifetime
{
    private const string Secret = "the secret of the CLI tests";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-cli-worker-" + Guid.NewGuid().ToString("N"));
    private readonly string _pipe = "processes-cli-" + Guid.NewGuid().ToString("N")[..12];
    private ProcessRuntime _runtime = null!;
    private ProcessWorker _worker = null!;

    private string SecretFile => Path.Combine(_directory, "secret");

    public async ValueTask InitializeAsync()
    {
        TestProcessCatalog.Register();
        ProcessRegistry.Global.RegisterEventPayload<RemoteDecision>();
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(SecretFile, Secret + "\n");
        _runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(Path.Combine(_directory, "store")) });
        _worker = new ProcessWorker(_runtime, new ProcessWorkerOptions { PipeName = _pipe, SharedSecret = Encoding.UTF8.GetBytes(Secret) });
        await _worker.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _runtime.DisposeAsync();

        // A lease file of a process that has just ended can still be going away as the runtime is
        // disposed (seen under load after the raise tests): retry briefly rather than fail the test.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }

    private string[] Args(params string[] args) => [.. args, "--pipe", _pipe, "--secret-file", SecretFile];

    [Fact]
    public async Task List_status_pause_play_and_kill_control_a_running_process()
    {
        var handle = await _runtime.LaunchAsync(new RemoteSumOfSquares { Count = 100, ChildDelayMs = 100 });

        var list = await CliRun.RunAsync(Args("list", "--json"));
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(handle.Id.ToString(), list.Ids);

        var pause = await CliRun.RunAsync(Args("pause", handle.Id.ToString(), "--message", "hold on", "--json"));
        Assert.True(pause.ExitCode == 0, pause.ToString());
        Assert.Equal("Applied", pause.Json.GetProperty("outcome").GetString());
        var status = await CliRun.RunAsync(Args("status", handle.Id.ToString(), "--json"));
        Assert.True(status.Json.GetProperty("paused").GetBoolean());

        Assert.Equal(0, (await CliRun.RunAsync(Args("play", handle.Id.ToString()))).ExitCode);
        Assert.False((await CliRun.RunAsync(Args("status", handle.Id.ToString(), "--json"))).Json.GetProperty("paused").GetBoolean());

        var kill = await CliRun.RunAsync(Args("kill", "--all", "--message", "enough", "--json"));
        Assert.True(kill.ExitCode == 0, kill.ToString());
        Assert.True(kill.Json.GetProperty("affected").GetInt32() >= 1);
        var final = await handle.WaitForTerminationAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        // --all kills the children too; a parent whose child was killed first ends excepted.
        Assert.True(final.State is ProcessState.Killed or ProcessState.Excepted, final.State.ToString());
    }

    [Fact]
    public async Task Pipe_and_store_together_list_running_and_stored_processes_once_each()
    {
        var stored = await _runtime.LaunchAsync(new RemoteSumOfSquares { Count = 1 });
        await stored.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var running = await _runtime.LaunchAsync(new RemoteSumOfSquares { Count = 100, ChildDelayMs = 100 }, new LaunchOptions { Tags = ["batch"] });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (running.Status.StatusMessage is null)
            {
                Assert.True(DateTime.UtcNow < deadline);
                await Task.Delay(10);
            }

            var list = await CliRun.RunAsync(Args("list", "--store", "file:" + Path.Combine(_directory, "store"), "--roots", "--json"));
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Equal(2, list.Ids.Length);
            foreach (var row in list.Json.EnumerateArray())
            {
                var isRunning = row.GetProperty("id").GetString() == running.Id.ToString();
                Assert.Equal(isRunning, row.GetProperty("running").GetBoolean());
                Assert.True(row.GetProperty("stored").GetBoolean());
            }

            var tagged = await CliRun.RunAsync(Args("list", "--store", "file:" + Path.Combine(_directory, "store"), "--tag", "batch", "--roots", "--json"));
            Assert.Equal([running.Id.ToString()], tagged.Ids);
        }
        finally
        {
            await running.KillAsync();
        }
    }

    [Fact]
    public async Task Control_of_a_process_the_worker_does_not_run_exits_with_its_code()
    {
        var unknown = await CliRun.RunAsync(Args("pause", ProcessId.New().ToString()));
        Assert.True(unknown.ExitCode == 3, unknown.ToString());

        // Checkpointed in the worker's store by another runtime that stopped: stored, not running here.
        var other = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(Path.Combine(_directory, "store")) });
        var detached = await other.LaunchAsync(new RemoteSumOfSquares { Count = 10, ChildDelayMs = 100 });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (detached.Status.StatusMessage is null)
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(10);
        }

        await other.StopAsync();
        var notRunning = await CliRun.RunAsync(Args("pause", detached.Id.ToString()));
        Assert.True(notRunning.ExitCode == 4, notRunning.ToString());
        Assert.Equal(2, (await CliRun.RunAsync(Args("kill"))).ExitCode);
        Assert.Equal(3, (await CliRun.RunAsync(Args("continue", ProcessId.New().ToString()))).ExitCode);
    }

    [Fact]
    public async Task Continue_on_the_worker_by_id_alone_runs_a_stopped_process_to_its_end()
    {
        // Checkpointed in the worker's store by another runtime that stopped midway.
        var detached = await LaunchAndStopElsewhereAsync(new RemoteSumOfSquares { Count = 3, ChildDelayMs = 100 });
        Assert.False(_runtime.TryGetProcess(detached, out _));

        var continued = await CliRun.RunAsync(Args("continue", detached.ToString(), "--json"));
        Assert.True(continued.ExitCode == 0, continued.ToString());
        Assert.Equal("Finished", continued.Json.GetProperty("state").GetString());
        Assert.Equal(0, continued.Json.GetProperty("exitCode").GetInt32());
        Assert.Equal(detached.ToString(), continued.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Raise_with_a_json_payload_delivers_the_typed_payload_the_step_reads()
    {
        var order = await _runtime.LaunchAsync(new RemoteApproval());
        await WaitUntilWaitingAsync(order.Id);

        var raised = await CliRun.RunAsync(Args("raise", order.Id.ToString(), "approval", "--payload", """{ "by": "ann" }""", "--payload-type", typeof(RemoteDecision).FullName!, "--json"));
        Assert.True(raised.ExitCode == 0, raised.ToString());
        Assert.Equal("Delivered", raised.Json.GetProperty("outcome").GetString());
        Assert.Equal("approved by ann", (await order.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
    }

    [Theory]
    [InlineData("""{ "by": "" }""", "event.approval.by:")]
    [InlineData("""{ "by": 5 }""", "event.approval.by: must be a JSON string, but was 5")]
    [InlineData("""{ "by": "ann", "bye": "x" }""", "event.approval.bye: unknown port 'bye'; known ports here: by")]
    [InlineData("""{ }""", "event.approval.by: required value was not provided")]
    [InlineData("""[ "ann" ]""", "event.approval: must be a JSON object, but was array")]
    [InlineData("""{ "by": """, "event.approval: is not valid JSON")]
    public async Task Raise_with_a_bad_json_payload_exits_2_naming_the_port_path_and_delivers_nothing(string payload, string expected)
    {
        var order = await _runtime.LaunchAsync(new RemoteApproval { TimeoutMs = 60_000 });
        await WaitUntilWaitingAsync(order.Id);

        var raised = await CliRun.RunAsync(Args("raise", order.Id.ToString(), "approval", "--payload", payload, "--payload-type", typeof(RemoteDecision).FullName!));
        Assert.True(raised.ExitCode == 2, raised.ToString());
        Assert.Contains(expected, raised.Error, StringComparison.Ordinal);
        Assert.Equal(ProcessState.Waiting, order.Status.State);
        await order.KillAsync();
        await order.WaitForTerminationAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Raise_with_an_unregistered_payload_type_or_half_the_options_exits_2()
    {
        var order = await _runtime.LaunchAsync(new RemoteApproval { TimeoutMs = 60_000 });
        await WaitUntilWaitingAsync(order.Id);

        var unknown = await CliRun.RunAsync(Args("raise", order.Id.ToString(), "approval", "--payload", """{ "by": "ann" }""", "--payload-type", "No.Such.Payload"));
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("no event payload type 'No.Such.Payload' is registered", unknown.Error, StringComparison.Ordinal);

        var half = await CliRun.RunAsync(Args("raise", order.Id.ToString(), "approval", "--payload", """{ "by": "ann" }"""));
        Assert.True(half.ExitCode == 2, half.ToString());
        Assert.Equal(ProcessState.Waiting, order.Status.State);
        await order.KillAsync();
        await order.WaitForTerminationAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Launches a process on another runtime over the worker's store, stops that runtime midway,
    /// and waits until none of its leases is live (a short lease, so one a child took as the
    /// runtime stopped expires quickly), so the worker may continue the process and its children.
    /// </summary>
    private async Task<ProcessId> LaunchAndStopElsewhereAsync(RemoteSumOfSquares process)
    {
        var store = new FileCheckpointStore(Path.Combine(_directory, "store"));
        var other = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, LeaseDuration = TimeSpan.FromSeconds(1) });
        var detached = await other.LaunchAsync(process);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (detached.Status.StatusMessage is null)
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(10);
        }

        await other.StopAsync();
        await other.DisposeAsync();

        // A child its last step launched can take its lease (before its first checkpoint, so no
        // listing shows it) just after the stop returns. The disposed runtime renews nothing, so
        // every lease it took has expired one lease duration later; then check that none is live.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        for (var clean = 0; clean < 2; clean = await AnyLiveLeaseAsync(store) ? 0 : clean + 1)
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(300);
        }

        return detached.Id;
    }

    private static async Task<bool> AnyLiveLeaseAsync(FileCheckpointStore store)
    {
        foreach (var info in await store.ListAsync())
        {
            if (await store.GetLeaseAsync(info.Id) is { } lease && lease.ExpiresAt > DateTimeOffset.UtcNow)
            {
                return true;
            }
        }

        return false;
    }

    private async Task WaitUntilWaitingAsync(ProcessId id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_runtime.TryGetProcess(id, out var handle) || handle.Status.State != ProcessState.Waiting)
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Continue_on_the_worker_without_waiting_returns_while_it_runs()
    {
        var detached = await LaunchAndStopElsewhereAsync(new RemoteSumOfSquares { Count = 50, ChildDelayMs = 100 });
        var continued = await CliRun.RunAsync(Args("continue", detached.ToString(), "--no-wait", "--json"));
        Assert.True(continued.ExitCode == 0, continued.ToString());
        Assert.False(continued.Json.GetProperty("state").GetString() is "Finished" or "Excepted" or "Killed");
        var status = await _runtime.GetStatusAsync(detached);
        Assert.True(_runtime.TryGetProcess(detached, out var running), status.ToString() + continued);
        await running!.KillAsync();
    }

    [Fact]
    public async Task A_wrong_secret_or_no_worker_exits_5()
    {
        var wrong = Path.Combine(_directory, "wrong");
        await File.WriteAllTextAsync(wrong, "not the secret");
        var refused = await CliRun.RunAsync("list", "--pipe", _pipe, "--secret-file", wrong);
        Assert.True(refused.ExitCode == 5, refused.ToString());
        var nobody = await CliRun.RunAsync("list", "--pipe", "processes-cli-nobody-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True(nobody.ExitCode == 5, nobody.ToString());
    }
}
