using System;
using System.Globalization;
using System.Threading.Tasks;
using Processes.Benchmarks.Cases;
using Processes.Benchmarks.Worker;
using Processes.Remote;

namespace Processes.Benchmarks.Allocations;

/// <summary>
/// `--allocations`: runs task-inproc's and process-steps' "ours" benchmark many times and prints
/// the exact bytes per call (all threads) and a sampled breakdown by type; `--allocations remote`
/// does the same for remote-throughput's client side (batches of 64 calls, bytes per call), then
/// for client and worker in one process (the difference is the worker's share).
/// </summary>
internal static class AllocationBreakdown
{
    private const int WarmupCalls = 5_000;
    private const int MeasuredCalls = 100_000;

    public static async Task<int> RunAsync(bool remote = false)
    {
        if (remote)
        {
            var throughput = new RemoteThroughputBenchmarks();
            throughput.StartServersAndConnect();
            await MeasureAsync("remote-throughput: SixtyFourConcurrentRemoteCalls (client process)", throughput.SixtyFourConcurrentRemoteCalls, RemoteThroughputBenchmarks.ConcurrentCalls);
            throughput.StopServers();

            // The same batches against a worker in this process: the difference is the worker's share.
            ProcessRegistry.Global.Register<EchoTask>();
            await using var runtime = new ProcessRuntime();
            var pipe = "prc-alloc-" + Guid.NewGuid().ToString("N")[..12];
            await using var worker = new ProcessWorker(runtime, new ProcessWorkerOptions { PipeName = pipe });
            await worker.StartAsync();
            await using var client = await ProcessClient.ConnectAsync(pipe);
            var payload = new byte[RemoteThroughputBenchmarks.PayloadBytes];
            var calls = new Task<EchoTask>[RemoteThroughputBenchmarks.ConcurrentCalls];
            await MeasureAsync(
                "remote-throughput with the worker in the same process (client and worker)",
                () =>
                {
                    for (var i = 0; i < calls.Length; i++)
                    {
                        calls[i] = client.RunAsync(new EchoTask { Payload = payload }).AsTask();
                    }

                    return Task.WhenAll(calls);
                },
                calls.Length);
            return 0;
        }

        var task = new TaskInProcessBenchmarks();
        task.CreateRuntime();
        await MeasureAsync("task-inproc: RunTaskThroughRuntime", () => task.RunTaskThroughRuntime().AsTask());
        await task.StopRuntime();

        var steps = new ProcessStepsBenchmarks();
        steps.CreateRuntimeAndWriter();
        await MeasureAsync("process-steps: RunProcessThroughRuntime", steps.RunProcessThroughRuntime);
        await steps.StopRuntime();
        return 0;
    }

    // Blocks like BenchmarkDotNet's in-process engine does, so the harness adds no async state machine of its own to the counts.
    private static void Wait(Task call) => call.GetAwaiter().GetResult();

    private static async Task MeasureAsync(string title, Func<Task> call, int callsPerOperation = 1)
    {
        var measuredOperations = MeasuredCalls / callsPerOperation;
        var measuredCalls = measuredOperations * callsPerOperation;
        for (var i = 0; i < WarmupCalls / callsPerOperation; i++)
        {
            Wait(call());
        }

        using var sampler = new AllocationSampler();
        await Task.Delay(500); // the listener attaches asynchronously
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        sampler.Start();
        for (var i = 0; i < measuredOperations; i++)
        {
            Wait(call());
        }

        var after = GC.GetTotalAllocatedBytes(precise: true);
        await Task.Delay(1000); // let the last events arrive
        sampler.Stop();

        Console.WriteLine();
        Console.WriteLine($"{title}: {(after - before) / (double)measuredCalls:0} bytes per call (exact, all threads, {measuredCalls:N0} calls)");
        Console.WriteLine("| type (sampled every ~100 KB) | ≈ bytes per call | share |");
        Console.WriteLine("|---|---:|---:|");
        var samples = sampler.SampledBytesByType();
        long sampledTotal = 0;
        foreach (var (_, bytes) in samples)
        {
            sampledTotal += bytes;
        }

        foreach (var (type, bytes) in samples)
        {
            var share = (double)bytes / sampledTotal;
            if (share < 0.005)
            {
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {bytes / (double)measuredCalls:0} | {share:P1} |"));
        }
    }
}
