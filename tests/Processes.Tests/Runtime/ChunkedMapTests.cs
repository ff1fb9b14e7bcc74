using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>MapOptions.ChunkSize: items grouped into chunk children, results per item in item order, durable across a stop.</summary>
public sealed class ChunkedMapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static string Squares(int count) => string.Join(",", Enumerable.Range(0, count).Select(x => (x * x).ToString(CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(10, 4)]
    [InlineData(12, 4)]
    [InlineData(3, 10)]
    [InlineData(1, 2)]
    public async Task A_chunked_map_hands_every_item_back_in_item_order(int count, int chunkSize)
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var result = await runtime.RunAsync(new ChunkedSquares { Key = key, Count = count, ChunkSize = chunkSize }).AsTask().WaitAsync(Patience);

        Assert.Equal(Squares(count), result.Results);
        Assert.Equal(count, CountedSquare.For(key)[2]);
    }

    [Fact]
    public async Task A_chunked_map_launches_one_child_per_chunk_and_bounds_chunks_not_items()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { KeepCheckpointsOfFinishedRuns = true });
        var handle = await runtime.LaunchAsync(new ChunkedSquares { Key = key, Count = 20, ChunkSize = 5, Parallelism = 2, DelayMs = 5 });
        var result = await handle.WaitAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(Squares(20), result.Results);
        var children = await runtime.ListAsync(new CheckpointQuery { ParentId = handle.Id });
        Assert.Equal(4, children.Count);
        Assert.All(children, child => Assert.Equal("map-chunk:" + typeof(CountedSquare).FullName, child.Name));
        // Items run one after another inside a chunk: at most one per running chunk.
        Assert.InRange(CountedSquare.For(key)[1], 1, 2);
    }

    [Fact]
    public async Task An_empty_chunked_map_hands_back_nothing()
    {
        await using var runtime = new ProcessRuntime();
        var result = await runtime.RunAsync(new ChunkedSquares { Key = NewKey(), Count = 0, ChunkSize = 3 }).AsTask().WaitAsync(Patience);
        Assert.Equal(string.Empty, result.Results);
    }

    [Fact]
    public async Task A_failed_item_fails_a_fail_fast_chunked_map_with_the_items_own_error()
    {
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new ChunkedSquares { Key = NewKey(), Count = 9, ChunkSize = 4, FailWhen = 5 });
        var failure = await Assert.ThrowsAnyAsync<ProcessException>(async () => await handle.WaitAsync().AsTask().WaitAsync(Patience));

        Assert.Contains("item 5 fails", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(ProcessState.Excepted, (await handle.GetStatusAsync()).State);
    }

    [Fact]
    public async Task Map_all_reports_each_failed_item_of_a_chunk_by_its_own_index()
    {
        await using var runtime = new ProcessRuntime();
        var result = await runtime.RunAsync(new ChunkedSquares { Key = NewKey(), Count = 7, ChunkSize = 3, FailWhen = 4, CollectErrors = true }).AsTask().WaitAsync(Patience);

        var outcomes = result.Results.Split(',');
        Assert.Equal(7, outcomes.Length);
        Assert.Equal(["0", "1", "4", "9"], outcomes[..4]);
        Assert.Equal("4:outline-map-2[4]:item 4 fails", outcomes[4]);
        Assert.Equal(["25", "36"], outcomes[5..]);
    }

    [Fact]
    public async Task A_shorter_chunked_map_in_a_later_loop_turn_does_not_read_the_earlier_turns_extra_items()
    {
        await using var runtime = new ProcessRuntime();
        var result = await runtime.RunAsync(new ChunkedSquares { Key = NewKey(), Count = 9, ChunkSize = 2, Rounds = 3 }).AsTask().WaitAsync(Patience);

        // The third turn maps 9 - 2 = 7 items (4 chunks) after turns of 9 (5 chunks) and 8 (4 chunks).
        Assert.Equal(Squares(7), result.Results);
    }

    [Fact]
    public async Task Items_with_a_retry_policy_run_as_tracked_children_of_their_chunk_and_are_retried()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var result = await runtime.RunAsync(new ChunkedFlaky { Key = key, Count = 5 }).AsTask().WaitAsync(Patience);

        Assert.Equal("2,2,2,2,2", result.Attempts);
        Assert.All(Enumerable.Range(0, 5), x => Assert.Equal(2, RetryLog.For(key + "/" + x.ToString(CultureInfo.InvariantCulture)).Count));
    }

    [Fact]
    public async Task A_process_stopped_mid_chunked_map_is_continued_in_a_new_runtime_without_rerunning_finished_chunks()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new ChunkedSquares { Key = key, Count = 12, ChunkSize = 3, Parallelism = 1, DelayMs = 60 });
            id = handle.Id;
            for (var i = 0; i < 400 && CountedSquare.For(key)[2] < 5; i++)
            {
                await Task.Delay(5);
            }
        }

        var runBeforeStop = CountedSquare.For(key)[2];
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<ChunkedSquares>(id);
        var result = await continued.WaitAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(Squares(12), result.Results);
        // At least one chunk (3 items) had finished before the stop and is not run again; at most
        // the chunk that was running reruns its items.
        Assert.InRange(runBeforeStop, 5, 12);
        Assert.InRange(CountedSquare.For(key)[2], 12, 12 + 3);
    }

    [Fact]
    public async Task A_chunk_checkpoint_is_read_back_by_a_registry_that_never_saw_a_chunked_map()
    {
        var registry = new ProcessRegistry();
        registry.Register<CountedSquare>();

        Assert.True(registry.TryGet("map-chunk:" + typeof(CountedSquare).FullName, out var chunk));
        Assert.Equal(ProcessKind.Task, chunk.Kind);
        Assert.False(registry.TryGet("map-chunk:No.Such.Type", out _));
        Assert.DoesNotContain(registry.Descriptors, descriptor => descriptor.Name.StartsWith("map-chunk:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chunk_size_below_one_fails_the_step_that_maps()
    {
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new ChunkedSquares { Key = NewKey(), Count = 3, ChunkSize = 0 });
        await Assert.ThrowsAnyAsync<ProcessException>(async () => await handle.WaitAsync().AsTask().WaitAsync(Patience));

        var status = await handle.GetStatusAsync();
        Assert.Equal(ProcessState.Excepted, status.State);
        Assert.Contains("ChunkSize", status.Error!.Message, StringComparison.Ordinal);
    }
}
