using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Sqlite;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Cli.Tests;

/// <summary>The commands against a checkpoint store (--store file:… and sqlite:…).</summary>
public sealed class StoreCommandTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-cli-" + Guid.NewGuid().ToString("N"));
    private ProcessId _finished;
    private ProcessId _unfinished;

    private string Store => "file:" + _directory;

    public async ValueTask InitializeAsync()
    {
        TestProcessCatalog.Register();
        Directory.CreateDirectory(_directory);
        await using (var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(_directory) }))
        {
            var done = await runtime.LaunchAsync(new RemoteSumOfSquares { Count = 2 }, new LaunchOptions { Tags = ["nightly"] });
            await done.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            _finished = done.Id;
        }

        // Stopped mid-run: its runtime detaches it and it keeps an unfinished checkpoint.
        var stopping = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(_directory) });
        var running = await stopping.LaunchAsync(new RemoteSumOfSquares { Count = 4, ChildDelayMs = 200 }, new LaunchOptions { Tags = ["adhoc"] });
        _unfinished = running.Id;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (running.Status.StatusMessage is not "collected 1")
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(10);
        }

        await stopping.StopAsync();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return default;
    }

    [Fact]
    public async Task Raise_stores_an_event_into_a_stopped_process_and_a_finished_one_rejects_it()
    {
        var stored = await CliRun.RunAsync("raise", _unfinished.ToString(), "go", "--store", Store, "--json");
        Assert.Equal(0, stored.ExitCode);
        Assert.Equal("Stored", stored.Json.GetProperty("outcome").GetString());
        Assert.Equal("go", stored.Json.GetProperty("event").GetString());

        var rejected = await CliRun.RunAsync("raise", _finished.ToString(), "go", "--store", Store);
        Assert.Equal(4, rejected.ExitCode);
        Assert.Contains("Rejected", rejected.Output, StringComparison.Ordinal);

        var unknown = await CliRun.RunAsync("raise", ProcessId.New().ToString(), "go", "--store", Store);
        Assert.Equal(3, unknown.ExitCode);
    }

    [Fact]
    public async Task List_shows_stored_processes_and_filters_by_state_type_tag_and_roots()
    {
        var all = await CliRun.RunAsync("list", "--store", Store, "--json");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains(_finished.ToString(), all.Ids);
        Assert.Contains(_unfinished.ToString(), all.Ids);
        Assert.True(all.Ids.Length > 2, "children are listed too");

        var roots = await CliRun.RunAsync("list", "--store", Store, "--json", "--roots");
        Assert.Equal(new[] { _finished.ToString(), _unfinished.ToString() }.Order(StringComparer.Ordinal), roots.Ids.Order(StringComparer.Ordinal));

        var tagged = await CliRun.RunAsync("list", "--store", Store, "--json", "--tag", "nightly", "--roots");
        Assert.Equal([_finished.ToString()], tagged.Ids);
        var row = tagged.Json[0];
        Assert.Equal("Finished", row.GetProperty("state").GetString());
        Assert.Equal("nightly", row.GetProperty("tags")[0].GetString());
        Assert.False(row.GetProperty("running").GetBoolean());

        var finished = await CliRun.RunAsync("list", "--store", Store, "--json", "--state", "Finished", "--type", NameOf<RemoteSumOfSquares>());
        Assert.Equal([_finished.ToString()], finished.Ids);

        var table = await CliRun.RunAsync("list", "--store", Store, "--roots");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(_unfinished.ToString(), table.Output, StringComparison.Ordinal);
        Assert.Contains("stored", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_reads_the_checkpoint_and_an_unknown_id_exits_3()
    {
        var status = await CliRun.RunAsync("status", _finished.ToString(), "--store", Store, "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal("Finished", status.Json.GetProperty("state").GetString());
        Assert.Equal(0, status.Json.GetProperty("exitCode").GetInt32());

        var missing = await CliRun.RunAsync("status", ProcessId.New().ToString(), "--store", Store);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("processes:", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_show_decodes_the_envelope_to_JSON()
    {
        var show = await CliRun.RunAsync("checkpoints", "show", _unfinished.ToString(), "--store", Store, "--raw");
        Assert.Equal(0, show.ExitCode);
        var json = show.Json;
        Assert.Equal(NameOf<RemoteSumOfSquares>(), json.GetProperty("checkpoint").GetProperty("type").GetString());
        Assert.Equal("adhoc", json.GetProperty("checkpoint").GetProperty("tags")[0].GetString());
        Assert.Equal("collected 1", json.GetProperty("status").GetProperty("statusMessage").GetString());
        Assert.True(json.GetProperty("bytes").GetInt32() > 0);
        Assert.Equal(json.GetProperty("bytes").GetInt32(), json.GetProperty("data").GetBytesFromBase64().Length);
    }

    [Fact]
    public async Task Checkpoints_delete_removes_one_and_a_second_delete_exits_3()
    {
        Assert.Equal(0, (await CliRun.RunAsync("checkpoints", "delete", _finished.ToString(), "--store", Store)).ExitCode);
        Assert.Equal(3, (await CliRun.RunAsync("checkpoints", "delete", _finished.ToString(), "--store", Store)).ExitCode);
        Assert.Equal(3, (await CliRun.RunAsync("status", _finished.ToString(), "--store", Store)).ExitCode);
    }

    [Fact]
    public async Task Checkpoints_purge_deletes_only_terminated_processes_unless_asked()
    {
        var dry = await CliRun.RunAsync("checkpoints", "purge", "--store", Store, "--dry-run", "--json");
        Assert.Equal(0, dry.ExitCode);
        var wouldDelete = dry.Json.GetProperty("wouldDelete").GetInt32();
        Assert.True(wouldDelete >= 3, dry.ToString()); // the finished parent and its two children at least

        var purge = await CliRun.RunAsync("checkpoints", "purge", "--store", Store, "--json");
        Assert.Equal(wouldDelete, purge.Json.GetProperty("deleted").GetInt32());
        var left = await CliRun.RunAsync("checkpoints", "list", "--store", Store, "--json", "--roots");
        Assert.Equal([_unfinished.ToString()], left.Ids);

        var everything = await CliRun.RunAsync("checkpoints", "purge", "--store", Store, "--include-unfinished", "--json");
        Assert.True(everything.Json.GetProperty("deleted").GetInt32() >= 1);
        Assert.Empty((await CliRun.RunAsync("checkpoints", "list", "--store", Store, "--json")).Ids);
    }

    [Fact]
    public async Task Continue_runs_a_stored_process_to_its_end_in_the_tools_process()
    {
        var run = await CliRun.RunAsync("continue", _unfinished.ToString(), "--store", Store, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Finished", run.Json.GetProperty("state").GetString());
        var status = await CliRun.RunAsync("status", _unfinished.ToString(), "--store", Store, "--json");
        Assert.Equal("Finished", status.Json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Watch_renders_the_table_for_the_given_number_of_refreshes()
    {
        var watch = await CliRun.RunAsync("watch", "--store", Store, "--roots", "--iterations", "2", "--interval", "0.05");
        Assert.Equal(0, watch.ExitCode);
        Assert.Contains(_unfinished.ToString(), watch.Output, StringComparison.Ordinal);

        var json = await CliRun.RunAsync("watch", "--store", Store, "--roots", "--iterations", "1", "--json");
        Assert.Equal(2, json.Ids.Length);
    }

    [Fact]
    public async Task A_sqlite_store_is_read_the_same_way()
    {
        var database = Path.Combine(_directory, "checkpoints.db");
        ProcessId id;
        await using (var store = await SqliteCheckpointStore.OpenAsync(database))
        await using (var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await runtime.LaunchAsync(new RemoteSumOfSquares { Count = 1 });
            await handle.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            id = handle.Id;
        }

        var list = await CliRun.RunAsync("checkpoints", "list", "--store", "sqlite:" + database, "--json", "--roots");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal([id.ToString()], list.Ids);
    }

    private static string NameOf<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess> => TProcess.Descriptor.Name;

    [Theory]
    [InlineData(2, "list")]
    [InlineData(2, "list", "--store", "postgres:x")]
    [InlineData(2, "pause", "--all", "--store", "file:.")]
    [InlineData(2, "status", "not-an-id", "--store", "file:.")]
    [InlineData(2, "frobnicate")]
    [InlineData(3, "list", "--store", "file:/no/such/directory")]
    [InlineData(3, "list", "--store", "sqlite:/no/such/file.db")]
    public async Task Usage_and_missing_stores_have_their_exit_codes(int expected, params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.True(expected == run.ExitCode, run.ToString());
        Assert.NotEqual(string.Empty, run.Error);
    }
}
