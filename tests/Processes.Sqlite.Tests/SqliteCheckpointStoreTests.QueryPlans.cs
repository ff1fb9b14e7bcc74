using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Sqlite.Tests;

public sealed partial class SqliteCheckpointStoreTests
{
    public static TheoryData<string> Queries => new() { "tag", "state", "process name", "parent", "saved before", "all with a limit" };

    private static CheckpointQuery QueryNamed(string name) => name switch
    {
        "tag" => CheckpointQuery.ForTag("t"),
        "state" => new CheckpointQuery { State = ProcessState.Finished },
        "process name" => new CheckpointQuery { ProcessName = "Samples.Relax" },
        "parent" => CheckpointQuery.ForParent(ProcessId.New()),
        "saved before" => new CheckpointQuery { SavedBefore = DateTimeOffset.UnixEpoch },
        "all with a limit" => new CheckpointQuery { Limit = 10 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Every_list_criterion_is_served_by_an_index_and_never_scans_the_table(string criterion)
    {
        await SqliteStore.SaveAsync(Sample(), Token);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        SqliteCheckpointStore.PrepareList(command, QueryNamed(criterion));
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                plan.Add(reader.GetString(3));
            }
        }

        // A full scan reads "SCAN checkpoints"; an indexed one "SEARCH checkpoints USING INDEX …" or "SCAN checkpoints USING INDEX …".
        var text = string.Join(" | ", plan);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Assert.False(plan.Exists(step => step.StartsWith("SCAN checkpoints", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal)), text);
        Assert.False(plan.Exists(step => step.StartsWith("SCAN tags", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal)), text);
        Assert.True(plan.Exists(step => step.Contains("INDEX", StringComparison.Ordinal)), text);
    }
}
