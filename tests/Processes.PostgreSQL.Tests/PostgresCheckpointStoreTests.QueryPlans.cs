using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

public sealed partial class PostgresCheckpointStoreTests
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
    public async Task Every_list_criterion_can_be_served_by_an_index(string criterion)
    {
        // A tiny table is cheapest to scan, so the planner is told scans are off: if an index can
        // serve the criterion, the plan uses it; if none can, it still shows a sequential scan.
        await PostgresStore.SaveAsync(Sample(), Token);
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync(Token);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(Token);
        }

        await using var command = new NpgsqlCommand(null, connection);
        PostgresStore.PrepareList(command, QueryNamed(criterion));
        command.CommandText = "EXPLAIN " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join(" | ", plan);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        Assert.Contains("Index", text, StringComparison.Ordinal);
    }
}
