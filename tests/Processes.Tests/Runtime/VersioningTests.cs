using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>PRODUCT.md §5, versioning: a checkpoint records its outline's fingerprint; another outline continues it only by a declared migration.</summary>
public sealed class VersioningTests
{
    private const string Version1 = "Tests.Versioned.Order";

    [Fact]
    public void The_generated_fingerprints_tell_the_outlines_apart_and_ignore_the_class()
    {
        Assert.Equal(OrderV2Migrated.Version1Fingerprint, Of<OrderV1>().OutlineFingerprint);
        Assert.NotEqual(Of<OrderV1>().OutlineFingerprint, Of<OrderV2>().OutlineFingerprint);
        Assert.Equal(Of<OrderV2>().OutlineFingerprint, Of<OrderV2Migrated>().OutlineFingerprint);
    }

    [Fact]
    public async Task A_checkpoint_of_another_outline_is_refused_with_a_typed_error_and_left_unchanged()
    {
        var (store, id) = await StoppedAfterReserveAsync();
        var before = (await store.LoadAsync(id))!.Data.ToArray();

        await using var runtime = RuntimeDeploying(store, Of<OrderV2>());
        var error = await Assert.ThrowsAsync<OutlineVersionMismatchException>(async () => await runtime.ContinueAsync(id));

        Assert.Equal(id, error.ProcessId);
        Assert.Equal(Version1, error.ProcessName);
        Assert.Equal(Of<OrderV1>().OutlineFingerprint, error.StoredFingerprint);
        Assert.Equal(Of<OrderV2>().OutlineFingerprint, error.CurrentFingerprint);
        Assert.Contains($"[OutlineMigration(\"{error.StoredFingerprint}\")]", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await store.LoadAsync(id))!.Data.ToArray());
        Assert.False(runtime.TryGetProcess(id, out _));
    }

    [Fact]
    public async Task A_declared_migration_continues_to_the_outputs_of_an_uninterrupted_run()
    {
        var (store, id) = await StoppedAfterReserveAsync();

        await using var runtime = RuntimeDeploying(store, Of<OrderV2Migrated>());
        var handle = await runtime.ContinueAsync<OrderV2Migrated>(id);
        var result = await handle.WaitAsync().Within();

        // Without the fingerprint, position 1 would be version 2's Reserve: reserved twice, total 21.
        Assert.Equal(11, result.Total);
        Assert.Equal("reserve;migrated;hold;ship-unaudited;", result.Trail);
        var stored = (await store.LoadAsync(id))!;
        Assert.Equal(ProcessState.Finished, stored.Info.State);
    }

    [Fact]
    public async Task A_migration_to_a_position_outside_the_outline_is_refused()
    {
        var (store, id) = await StoppedAfterReserveAsync();
        var before = (await store.LoadAsync(id))!.Data.ToArray();

        await using var runtime = RuntimeDeploying(store, Of<OrderV2MigratedBadly>());
        var error = await Assert.ThrowsAsync<OutlineVersionMismatchException>(async () => await runtime.ContinueAsync(id));

        Assert.Contains("to 99", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await store.LoadAsync(id))!.Data.ToArray());
    }

    [Fact]
    public async Task A_version_1_checkpoint_without_a_fingerprint_still_continues()
    {
        var (store, id) = await StoppedAfterReserveAsync();
        var checkpoint = (await store.LoadAsync(id))!;
        await store.SaveAsync(checkpoint with { Data = WithoutFingerprint(checkpoint.Data.ToArray(), Of<OrderV1>().OutlineFingerprint!) });

        await using var runtime = NewRuntime(store);
        var result = await (await runtime.ContinueAsync<OrderV1>(id)).WaitAsync().Within();

        Assert.Equal(11, result.Total);
        Assert.Equal("reserve;hold;ship;", result.Trail);
    }

    [Fact]
    public async Task A_terminated_checkpoint_of_another_outline_loads_to_read_its_outputs()
    {
        var store = new InMemoryCheckpointStore();
        await using (var first = NewRuntime(store))
        {
            var finished = await first.LaunchAsync(new OrderV1());
            await finished.WaitAsync().Within();
            await using var runtime = RuntimeDeploying(store, Of<OrderV2>());
            var handle = await runtime.ContinueAsync(finished.Id);

            Assert.Equal(ProcessState.Finished, handle.Status.State);
            Assert.Equal(11, (await handle.GetOutputsAsync())["total"]);
        }
    }

    private static ProcessDescriptor<T> Of<T>()
        where T : class, IProcessDefinition<T> => T.Descriptor;

    /// <summary>Runs version 1 in its own runtime until it holds after Reserve, then stops that runtime.</summary>
    private static async Task<(InMemoryCheckpointStore Store, ProcessId Id)> StoppedAfterReserveAsync()
    {
        var store = new InMemoryCheckpointStore();
        OrderHold.Close();
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new OrderV1());
        await OrderHold.Entered.Within();
        await first.StopAsync();
        OrderHold.Open();
        Assert.Equal(ProcessState.Running, (await store.LoadAsync(handle.Id))!.Info.State);
        return (store, handle.Id);
    }

    /// <summary>A runtime as a new deployment would run it: version 1's checkpoints are continued with <paramref name="current"/>.</summary>
    private static ProcessRuntime RuntimeDeploying(ICheckpointStore store, ProcessDescriptor current) =>
        new(new ProcessRuntimeOptions
        {
            Store = store,
            Registry = new ProcessRegistry().RegisterAlias(Version1, current).Register<OrderV2>().Register<OrderV2Migrated>(),
        });

    /// <summary>Rewrites a format-5 checkpoint as format 1: version byte 1, no fingerprint, no step sequence, no retry, event or date-form state (its sections hold no DateTimeOffset, whose form format 4 changed).</summary>
    private static byte[] WithoutFingerprint(byte[] data, string fingerprint)
    {
        var text = Encoding.UTF8.GetBytes(fingerprint);
        var at = data.AsSpan().IndexOf(text);
        Assert.True(at > 8);
        // The string's 8-byte prefix (~byte count, length), its bytes, the int32 step sequence, then
        // the version-3 retry state of a process that never retried: attempt (4), no due time (1),
        // no policy (1), no time limit (1 + an 8-byte zero span), no timer (1); then the version-4
        // event state of a process that never had one: empty inbox (4), no wait (4), no deadline
        // (1), nothing received (4), no emitted outputs (4); then the sections' date form flag (1);
        // then the version-5 trace context of a run nothing traced (a null string, 4).
        const int RetryState = 4 + 1 + 1 + 1 + 8 + 1;
        const int EventState = 4 + 4 + 1 + 4 + 4 + 1;
        const int TraceContext = 4;
        var result = data[..(at - 8)].Concat(data[(at + text.Length + 4 + RetryState + EventState + TraceContext)..]).ToArray();
        Assert.Equal(5, result[4]);
        result[4] = 1;
        return result;
    }

}
