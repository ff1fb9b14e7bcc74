using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Remote;
using Processes.Benchmarks.Worker;
using Processes.Pool;

namespace Processes.Benchmarks.Pool;

/// <summary>
/// pool-overhead: the scheduling cost of the pool per trivial task. One <see cref="EchoTask"/> at a
/// time through a one-worker pool (queue, slot accounting, dispatch, the pipe protocol, the
/// worker's runtime, the answer) against one round trip of the same bytes to the raw echo server.
/// Rounds alternate between the two.
/// </summary>
internal static class PoolOverheadProbe
{
    public const int CallsPerRound = 2_000;
    public const int Rounds = 7;
    private static readonly byte[] Payload = new byte[64];

    public static async Task<PoolOverheadFigures> MeasureAsync()
    {
        await using var pool = await BenchmarkPool.StartAsync(workers: 1, slotsPerWorker: 1);
        var echoPipe = PipeNames.New("echo");
        using var echoServer = await OwnedProcess.StartServerAsync(BenchmarkExecutables.RawEchoServer, ["--pipe", echoPipe], TimeSpan.FromSeconds(30));
        await using var raw = await RawEchoClient.ConnectAsync(echoPipe, TimeSpan.FromSeconds(30));
        await PoolCallsAsync(pool, 200);
        await RawCallsAsync(raw, 200);

        var (ours, baseline, ratio) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            ours.Add(await PoolCallsAsync(pool, CallsPerRound) / CallsPerRound);
            baseline.Add(await RawCallsAsync(raw, CallsPerRound) / CallsPerRound);
            ratio.Add(ours[^1] / baseline[^1]);
        }

        return new PoolOverheadFigures(RoundStatistics.Of(ours), RoundStatistics.Of(baseline), RoundStatistics.Of(ratio), Payload.Length);
    }

    private static async Task<double> PoolCallsAsync(ProcessPool pool, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var echo = await pool.RunAsync(new EchoTask { Payload = Payload });
            if (echo.Echo.Length != Payload.Length)
            {
                throw new InvalidOperationException($"pool-overhead: the worker echoed {echo.Echo.Length} bytes of {Payload.Length}.");
            }
        }

        return clock.Elapsed.TotalNanoseconds;
    }

    private static async Task<double> RawCallsAsync(RawEchoClient raw, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await raw.EchoAsync(Payload);
        }

        return clock.Elapsed.TotalNanoseconds;
    }
}
