using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MemoryPack;
using Processes.Checkpoints;
using Processes.Remote;
using Processes.Serialization;
using Xunit;

namespace Processes.MemoryPack.Tests;

/// <summary>
/// [MemoryPackable] types as they are: the SDK's generated codec writes the bytes MemoryPack writes
/// and reads MemoryPack's, honouring [MemoryPackIgnore], [MemoryPackInclude] and [MemoryPackOrder];
/// and the types work as ports and state through a checkpoint, a continue and a pipe.
/// </summary>
public sealed class MemoryPackableTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Address SampleAddress()
    {
        var address = new Address
        {
            Street = "Rue Haute", City = "Brussels", Number = 12, Note = "not serialized",
            Location = new GeoPoint { Latitude = 50.84, Longitude = 4.35, Source = "gps" }, Lines = ["floor 2", "door B"],
        };
        address.Revise();
        address.Revise();
        return address;
    }

    private static Parcel SampleParcel() => new() { Code = "P-7", Weight = 2.5, To = SampleAddress() };

    private static byte[] Ours<T>(T value)
        where T : IProcessData<T>
    {
        using var writer = new ProcessWriter();
        ProcessData.Write(writer, value);
        return writer.WrittenSpan.ToArray();
    }

    private static T? ReadOurs<T>(byte[] bytes)
        where T : IProcessData<T>
    {
        var reader = new ProcessReader(bytes);
        var value = ProcessData.Read<T>(ref reader);
        Assert.True(reader.IsAtEnd, $"{reader.Remaining} bytes were left unread.");
        return value;
    }

    private static void AssertSameBytes<T>(T value)
        where T : IProcessData<T> =>
        Assert.Equal(Convert.ToHexString(MemoryPackSerializer.Serialize(value)), Convert.ToHexString(Ours(value)));

    [Fact]
    public void The_codec_writes_MemoryPacks_bytes_for_every_shape()
    {
        AssertSameBytes(SampleAddress());
        AssertSameBytes(new Address());
        AssertSameBytes(new GeoPoint { Latitude = -1, Source = null });
        AssertSameBytes(SampleParcel());
        AssertSameBytes(new Stamp("BE", 3));
        AssertSameBytes(new Receipt("ann", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-3))));
        Assert.Equal(Convert.ToHexString(MemoryPackSerializer.Serialize<Address>(null)), Convert.ToHexString(Ours<Address>(null!)));
    }

    [Fact]
    public void Ignored_members_are_left_out_included_private_ones_kept_and_computed_ones_written_then_dropped()
    {
        var address = ReadOurs<Address>(MemoryPackSerializer.Serialize(SampleAddress()))!;
        Assert.Null(address.Note);
        Assert.Equal(2, address.Revision);
        Assert.Equal("Rue Haute 12", address.Label);
        Assert.Equal(["floor 2", "door B"], address.Lines);
        Assert.Equal("gps", address.Location!.Value.Source);
        Assert.Equal(4.35, address.Location!.Value.Longitude);

        var theirs = MemoryPackSerializer.Deserialize<Address>(Ours(SampleAddress()))!;
        Assert.Null(theirs.Note);
        Assert.Equal(2, theirs.Revision);
        Assert.Equal("Brussels", theirs.City);
    }

    [Fact]
    public void Explicit_layout_follows_MemoryPackOrder_both_ways()
    {
        var bytes = Ours(SampleParcel());
        // Object header (3 members), then Code first: not the 8 bytes of the double 2.5.
        Assert.Equal(3, bytes[0]);
        Assert.NotEqual(BitConverter.GetBytes(2.5), bytes[1..9]);
        var theirs = MemoryPackSerializer.Deserialize<Parcel>(bytes)!;
        Assert.Equal(("P-7", 2.5, "Rue Haute"), (theirs.Code, theirs.Weight, theirs.To!.Street));
        var ours = ReadOurs<Parcel>(MemoryPackSerializer.Serialize(SampleParcel()))!;
        Assert.Equal(("P-7", 2.5, 12), (ours.Code, ours.Weight, ours.To!.Number));
    }

    [Fact]
    public void Get_only_and_positional_members_read_both_ways()
    {
        var stamp = ReadOurs<Stamp>(MemoryPackSerializer.Serialize(new Stamp("BE", 3)))!;
        Assert.Equal(("BE", 3), (stamp.Country, stamp.Value));
        var receipt = new Receipt("ann", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-3)));
        Assert.Equal(receipt, ReadOurs<Receipt>(MemoryPackSerializer.Serialize(receipt)));
        Assert.Equal(receipt, MemoryPackSerializer.Deserialize<Receipt>(Ours(receipt)));
    }

    [Fact]
    public async Task MemoryPackable_ports_and_state_survive_a_checkpoint_and_a_continue_in_a_new_runtime()
    {
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new Ship { Parcel = SampleParcel(), Stamp = new Stamp("BE", 3) });
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
        }

        Assert.Equal(ProcessState.Waiting, (await store.LoadAsync(id))!.Info.State);
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<Ship>(id);
        Assert.Equal("Rue Haute", continued.Process.Parcel.To!.Street);
        await second.RaiseEventAsync(id, "go");
        var done = await continued.WaitAsync().AsTask().WaitAsync(Patience);
        AssertDelivered(done);
    }

    [Fact]
    public async Task A_pipe_call_carries_MemoryPackable_inputs_and_outputs()
    {
        var pipeName = "prmp" + Guid.NewGuid().ToString("N")[..12];
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        await using var worker = new ProcessWorker(runtime, new ProcessWorkerOptions { PipeName = pipeName });
        await worker.StartAsync();
        await using var client = await ProcessClient.ConnectAsync(pipeName, new ProcessClientOptions { ConnectTimeout = Patience });

        var handle = await client.LaunchAsync(new Ship { Parcel = SampleParcel(), Stamp = new Stamp("BE", 3) });
        await Until(async () => (await handle.GetStatusAsync()).State == ProcessState.Waiting);
        await client.RaiseEventAsync(handle.Id, "go");
        AssertDelivered(await handle.WaitAsync().AsTask().WaitAsync(Patience));
    }

    private static void AssertDelivered(Ship done)
    {
        Assert.Equal("P-7 via Hub 1 to Rue Haute 12 rev 3 stamp BE3", done.Summary);
        Assert.Equal(["floor 2", "door B"], done.DeliveredTo!.Lines);
        Assert.Null(done.DeliveredTo.Note);
        Assert.Equal(new GeoPoint { Latitude = 48.85, Longitude = 2.35, Source = "depot" }, done.LastSeen);
        Assert.Equal(new Receipt("ann", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))), done.Receipt);
    }

    private static Task Until(Func<bool> condition) => Until(() => new ValueTask<bool>(condition()));

    private static async Task Until(Func<ValueTask<bool>> condition)
    {
        for (var i = 0; i < 2000; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("the condition did not become true in time");
    }
}
