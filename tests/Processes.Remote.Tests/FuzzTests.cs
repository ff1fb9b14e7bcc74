using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Processes.Serialization;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// A bounded fuzz (fixed seed, bounded count and time) of random, mutated and truncated frames at
/// a live worker of its own (a mutated frame may well be a valid "kill all"): it must keep answering.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261122;
    private const int Iterations = 300;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task The_worker_survives_random_mutated_and_truncated_frames_and_keeps_answering()
    {
        const string secret = "fuzz";
        await using var worker = await WorkerProcess.StartAsync(secret);
        await using var probe = await worker.ConnectAsync().Within();
        var random = new Random(Seed);
        var templates = Templates();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        for (; sent < Iterations && watch.Elapsed < Budget; sent++)
        {
            var handshake = random.Next(5) != 0;
            await using (var raw = await RawConnection.OpenAsync(worker.PipeName, secret, handshake).Within())
            {
                try
                {
                    await raw.SendAsync(Mutate(random, templates[random.Next(templates.Length)]));
                }
                catch (IOException)
                {
                    // The worker may already have closed the connection on an earlier bad byte.
                }
            }

            if (sent % 25 == 0)
            {
                Assert.Equal((long)sent * sent, (await probe.RunAsync(new RemoteSquare { X = sent }).Within()).Result);
            }
        }

        output.WriteLine($"{sent} fuzzed connections in {watch.ElapsedMilliseconds} ms");
        Assert.False(worker.HasExited);
        Assert.True(sent >= 25, $"Only {sent} iterations ran in the time budget.");
        await using var client = await worker.ConnectAsync().Within();
        Assert.Equal(1521, (await client.RunAsync(new RemoteSquare { X = 39 }).Within()).Result);
        Assert.Equal(9, (await probe.RunAsync(new RemoteSquare { X = 3 }).Within()).Result);
    }

    private static byte[][] Templates()
    {
        using var inputs = new ProcessWriter();
        TestKit.DescriptorOf<RemoteSquare>().WriteInputs(new RemoteSquare { X = 3 }, inputs);
        using var launch = new ProcessWriter();
        launch.WriteString(TestKit.DescriptorOf<RemoteSquare>().Name);
        launch.WriteBytes(inputs.ToArray());
        launch.WriteBoolean(false);
        launch.WriteBoolean(false);
        launch.WriteInt32(0);
        return
        [
            RawConnection.Frame(RawConnection.Version, RawConnection.Launch, 4, 1, launch.WrittenSpan),
            RawConnection.StatusRequest(2, ProcessId.New()),
            RawConnection.Frame(RawConnection.Version, RawConnection.Cancel, 0, 1, []),
            [],
        ];
    }

    private static byte[] Mutate(Random random, byte[] template)
    {
        switch (random.Next(4))
        {
            case 0:
                var noise = new byte[random.Next(1, 80)];
                random.NextBytes(noise);
                return noise;
            case 1 when template.Length > 0:
                return template.AsSpan(0, random.Next(template.Length)).ToArray();
            default:
                var mutated = template.Length > 0 ? (byte[])template.Clone() : new byte[16];
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }

                return mutated;
        }
    }
}
