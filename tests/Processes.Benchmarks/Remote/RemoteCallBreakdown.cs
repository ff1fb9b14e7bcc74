using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Worker;
using Processes.Remote;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// `--remote-breakdown`: evidence for remote-call's analysis. Times, one call outstanding and a
/// 16-byte payload, each layer a remote call adds over the raw echo: a client read loop handing
/// the reply to the caller through a TaskCompletionSource, the worker's protocol round trip with
/// no process (ListAsync), the full typed call, and the same task run in process. Stopwatch loops,
/// not BenchmarkDotNet: the layers are interleaved round by round so they share the machine's load,
/// and each figure is the median of the rounds' mean time per call.
/// </summary>
internal static class RemoteCallBreakdown
{
    private const int Rounds = 9;
    private const int CallsPerRound = 1000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync()
    {
        var payload = new byte[16];
        var loopEchoPipe = PipeNames.New("echo-loop");
        await using var servers = await RemoteServers.StartAsync();
        using var loopEchoServer = await OwnedProcess.StartServerAsync(BenchmarkExecutables.RawEchoServer, ["--pipe", loopEchoPipe], StartTimeout);
        var client = servers.Client;
        await using var rawClient = await RawEchoClient.ConnectAsync(servers.EchoPipe, StartTimeout);
        await using var loopClient = await RawPipelinedEchoClient.ConnectAsync(loopEchoPipe, StartTimeout);
        await using var runtime = new ProcessRuntime();

        var layers = new (string Name, Func<Task> Call)[]
        {
            ("raw echo, reply read by the caller (remote-call's baseline)", async () => await rawClient.EchoAsync(payload)),
            ("raw echo, reply through a read loop and a TaskCompletionSource", () => loopClient.EchoAsync(payload.Length)),
            ("ProcessClient.ListAsync: protocol round trip, no process", () => client.ListAsync().AsTask()),
            ("ProcessClient.RunAsync(EchoTask): the typed remote call", () => client.RunAsync(new EchoTask { Payload = payload }).AsTask()),
            ("ProcessRuntime.RunAsync(EchoTask) in this process, no pipe", async () => await runtime.RunAsync(new EchoTask { Payload = payload })),
        };
        var perRound = layers.Select(_ => new List<double>()).ToArray();
        // Round 0 warms the JIT and the connections and is not counted.
        for (var round = 0; round <= Rounds; round++)
        {
            for (var layer = 0; layer < layers.Length; layer++)
            {
                var clock = Stopwatch.StartNew();
                for (var call = 0; call < CallsPerRound; call++)
                {
                    await layers[layer].Call();
                }

                if (round > 0)
                {
                    perRound[layer].Add(clock.Elapsed.TotalNanoseconds / CallsPerRound);
                }
            }
        }

        Console.WriteLine($"Remote call breakdown, 16 B payload, one call outstanding; median of {Rounds} rounds of {CallsPerRound} calls; {MachineDescription.Current()}");
        Console.WriteLine();
        Console.WriteLine("| layer | time per call | vs raw echo |");
        Console.WriteLine("|---|---:|---:|");
        var raw = Median(perRound[0]);
        for (var layer = 0; layer < layers.Length; layer++)
        {
            var median = Median(perRound[layer]);
            Console.WriteLine($"| {layers[layer].Name} | {Format.Duration(median)} | {Format.Ratio(median / raw)} |");
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
