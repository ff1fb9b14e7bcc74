using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Processes.Benchmarks.Cases;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Worker;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// `--throughput-loop SECONDS [raw|both]`: remote-throughput's batches (64 calls of 256 B in
/// flight) for a while, ours alone (default), the raw batched echo alone (for a profiler or
/// strace), or both alternating second by second. Prints the process ids first and then, per
/// second, calls/s with the CPU time per call of the client (this process) and of the server
/// process, and the client's allocated bytes per call.
/// </summary>
internal static class ThroughputLoop
{
    public static async Task<int> RunAsync(double seconds, string side)
    {
        var raw = side == "raw";
        var both = side == "both";
        const int InFlight = RemoteThroughputBenchmarks.ConcurrentCalls;
        const int PayloadBytes = RemoteThroughputBenchmarks.PayloadBytes;
        var payload = new byte[PayloadBytes];
        await using var servers = await RemoteServers.StartAsync();
        await using var batched = await RawBatchedEchoClient.ConnectAsync(servers.BatchedEchoPipe, servers.Timeout);
        var calls = new Task<EchoTask>[InFlight];
        var echoes = new Task<int>[InFlight];
        using var worker = Process.GetProcessById(servers.WorkerProcessId);
        using var echoServer = Process.GetProcessById(servers.BatchedEchoProcessId);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"client pid {Environment.ProcessId}, server pid {(raw ? echoServer : worker).Id} ({(raw ? "raw batched echo" : both ? "worker; raw batched echo " + echoServer.Id : "worker")}); {MachineDescription.Current()}");

        async Task Batch()
        {
            if (raw)
            {
                for (var i = 0; i < InFlight; i++)
                {
                    echoes[i] = batched.EchoAsync(PayloadBytes);
                }

                await Task.WhenAll(echoes).ConfigureAwait(false);
            }
            else
            {
                for (var i = 0; i < InFlight; i++)
                {
                    calls[i] = servers.Client.RunAsync(new EchoTask { Payload = payload }).AsTask();
                }

                await Task.WhenAll(calls).ConfigureAwait(false);
            }
        }

        for (var warm = 0; warm < 200; warm++)
        {
            await Batch();
            if (both)
            {
                raw = !raw;
                await Batch();
                raw = !raw;
            }
        }

        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var server = raw ? echoServer : worker;
            self.Refresh();
            server.Refresh();
            var clientCpu = self.TotalProcessorTime;
            var serverCpu = server.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var clock = Stopwatch.StartNew();
            long done = 0;
            while (clock.ElapsedMilliseconds < 1000)
            {
                await Batch();
                done += InFlight;
            }

            self.Refresh();
            server.Refresh();
            var elapsed = clock.Elapsed;
            Console.WriteLine(
                $"{(raw ? "raw " : "ours")} {done / elapsed.TotalSeconds,9:N0} calls/s; CPU per call client {(self.TotalProcessorTime - clientCpu).TotalNanoseconds / done / 1000,6:F2} µs, " +
                $"server {(server.TotalProcessorTime - serverCpu).TotalNanoseconds / done / 1000,6:F2} µs; client {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / done,6:N0} B/call");
            if (both)
            {
                raw = !raw;
            }
        }

        return 0;
    }
}
