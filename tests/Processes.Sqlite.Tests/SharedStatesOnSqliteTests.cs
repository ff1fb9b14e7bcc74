using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Processes.Sqlite.Tests;

/// <summary>A census that the steps of processes count into.</summary>
[SharedState(Name = "tests.sqlite-census")]
public partial class SqliteCensus
{
    public long Count { get; set; }

    public string LastStep { get; set; } = "";
}

/// <summary>A process whose two steps each add to the census <see cref="Times"/> times, through their context.</summary>
[Process]
public partial class CountInSteps
{
    [Input] public required string Key { get; init; }
    [Input] public int Times { get; init; } = 1;
    [Output] public long Last { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(First).Step(Second);

    private ValueTask First(StepContext context) => AddAsync(context, "first");

    private ValueTask Second(StepContext context) => AddAsync(context, "second");

    private async ValueTask AddAsync(StepContext context, string step)
    {
        for (var i = 0; i < Times; i++)
        {
            Last = await context.SharedStates.UpdateAsync<SqliteCensus, long>(Key, census => { census.LastStep = step; return ++census.Count; }, context.CancellationToken);
        }
    }
}

/// <summary>
/// A runtime whose shared states live in a <see cref="SqliteSharedStateStore"/>: steps of
/// concurrent processes update a state atomically, and a new runtime on the file (after the first
/// stopped) keeps every acknowledged update.
/// </summary>
public sealed class SharedStatesOnSqliteTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-sqlite-tests", "runtime-states-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "states.db");

    [Fact]
    public async Task Steps_update_a_state_atomically_and_a_restarted_runtime_keeps_every_acknowledged_update()
    {
        Directory.CreateDirectory(_directory);
        long acknowledged;
        await using (var store = await SqliteSharedStateStore.OpenAsync(DatabasePath))
        {
            await using var first = new ProcessRuntime(new ProcessRuntimeOptions { OwnerId = "first", SharedStates = new SharedStateOptions { Store = store } });
            var runs = Enumerable.Range(0, 4).Select(_ => first.RunAsync(new CountInSteps { Key = "city", Times = 10 }).AsTask()).ToArray();
            var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            acknowledged = results.Max(result => result.Last);
            Assert.Equal(80, acknowledged);
        }

        await using var reopened = await SqliteSharedStateStore.OpenAsync(DatabasePath);
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { OwnerId = "second", SharedStates = new SharedStateOptions { Store = reopened } });
        var census = await second.SharedStates.GetAsync<SqliteCensus>("city", TestContext.Current.CancellationToken);
        Assert.Equal((acknowledged, acknowledged, "second"), (census.State.Count, census.Version, census.State.LastStep));
        Assert.StartsWith("process:", census.Writer);
        Assert.Equal(81, await second.SharedStates.UpdateAsync<SqliteCensus, long>("city", state => ++state.Count, TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
