using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

public sealed partial class PostgresCheckpointStoreTests
{
    protected override async ValueTask<ICheckpointStore?> OpenWithHistoryAsync(int historyLength) =>
        await Open(new PostgresCheckpointStoreOptions { HistoryLength = historyLength });

    [Fact]
    public async Task Concurrent_saves_of_one_new_id_from_two_store_instances_each_land_in_history_once()
    {
        // Saves of one id take turns (an advisory lock on the id, then its row), even the very
        // first ones when there is no row to lock yet: every version is kept, numbered 1..N.
        var options = new PostgresCheckpointStoreOptions { HistoryLength = 100 };
        var stores = new[] { await Open(options), await Open(options) };
        for (var round = 0; round < 40; round++)
        {
            var id = ProcessId.New();
            var versions = Enumerable.Range(0, 4).Select(version => Sample(id, tags: new[] { $"v{version}" })).ToArray();
            using var start = new Barrier(versions.Length);
            await Task.WhenAll(versions.Select((version, index) => Task.Run(async () =>
            {
                start.SignalAndWait(Token);
                await stores[index % 2].SaveAsync(version, Token);
            })));

            var history = await stores[0].ListHistoryAsync(id, Token);
            Assert.Equal(Enumerable.Range(1, versions.Length).Reverse().Select(sequence => (long)sequence), history.Select(info => info.Sequence));
            Assert.Equal(versions.Length, history.Select(info => info.Tags[0]).Distinct().Count());
        }
    }
}
