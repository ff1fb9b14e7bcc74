using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>The history contract (<see cref="ICheckpointHistory"/>), for the stores that keep one; skipped for the others.</summary>
public abstract partial class CheckpointStoreTests
{
    /// <summary>A new store of this kind keeping the last <paramref name="historyLength"/> checkpoints per process, or null when the kind keeps no history.</summary>
    protected virtual ValueTask<ICheckpointStore?> OpenWithHistoryAsync(int historyLength) => new((ICheckpointStore?)null);

    private async Task<(ICheckpointStore Store, ICheckpointHistory History)> HistoryStore(int historyLength)
    {
        var store = await OpenWithHistoryAsync(historyLength);
        Assert.SkipWhen(store is null, "This store keeps no history.");
        return (store!, (ICheckpointHistory)store!);
    }

    [Fact]
    public async Task History_keeps_the_last_N_checkpoints_newest_first_and_loads_each_of_them()
    {
        var (store, history) = await HistoryStore(3);
        var id = ProcessId.New();
        var versions = Enumerable.Range(1, 5).Select(version => Sample(id, tags: new[] { $"v{version}" }, data: new[] { (byte)version }, minutes: version)).ToArray();
        foreach (var version in versions)
        {
            await store.SaveAsync(version, Token);
        }

        var listed = await history.ListHistoryAsync(id, Token);
        Assert.Equal(new long[] { 5, 4, 3 }, listed.Select(info => info.Sequence));
        for (var sequence = 3; sequence <= 5; sequence++)
        {
            var loaded = await history.LoadHistoryAsync(id, sequence, Token);
            AssertSameCheckpoint(versions[sequence - 1], loaded);
            Assert.Equal(sequence, loaded!.Info.Sequence);
            AssertSameInfo(versions[sequence - 1].Info, listed[5 - sequence]);
        }

        Assert.Null(await history.LoadHistoryAsync(id, 2, Token));
        Assert.Null(await history.LoadHistoryAsync(id, 6, Token));
        Assert.Equal(5, (await store.LoadAsync(id, Token))!.Info.Sequence);
        Assert.Equal(5, Assert.Single(await store.ListAsync(cancellationToken: Token)).Sequence);

        // Only the latest checkpoint's tags are listed.
        Assert.Empty(await store.ListAsync(CheckpointQuery.ForTag("v4"), Token));
        Assert.Single(await store.ListAsync(CheckpointQuery.ForTag("v5"), Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_history_length_of_zero_or_one_keeps_the_latest_only(int length)
    {
        var (store, history) = await HistoryStore(length);
        var id = ProcessId.New();
        await store.SaveAsync(Sample(id, data: new byte[] { 1 }), Token);
        var latest = Sample(id, data: new byte[] { 2 });
        await store.SaveAsync(latest, Token);

        Assert.Equal(new long[] { 2 }, (await history.ListHistoryAsync(id, Token)).Select(info => info.Sequence));
        Assert.Null(await history.LoadHistoryAsync(id, 1, Token));
        AssertSameCheckpoint(latest, await history.LoadHistoryAsync(id, 2, Token));
    }

    [Fact]
    public async Task Deleting_a_process_drops_its_history_and_a_new_save_starts_again()
    {
        var (store, history) = await HistoryStore(10);
        var id = ProcessId.New();
        await store.SaveAsync(Sample(id), Token);
        await store.SaveAsync(Sample(id), Token);
        Assert.Equal(2, (await history.ListHistoryAsync(id, Token)).Count);

        Assert.True(await store.DeleteAsync(id, Token));
        Assert.Empty(await history.ListHistoryAsync(id, Token));
        Assert.Null(await history.LoadHistoryAsync(id, 1, Token));

        await store.SaveAsync(Sample(id), Token);
        Assert.Equal(1, Assert.Single(await history.ListHistoryAsync(id, Token)).Sequence);
    }

    [Fact]
    public async Task A_missing_process_has_no_history()
    {
        var (_, history) = await HistoryStore(10);
        Assert.Empty(await history.ListHistoryAsync(ProcessId.New(), Token));
        Assert.Null(await history.LoadHistoryAsync(ProcessId.New(), 1, Token));
    }
}
