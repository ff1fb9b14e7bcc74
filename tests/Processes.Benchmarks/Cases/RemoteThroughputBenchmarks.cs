using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Processes.Benchmarks.Remote;
using Processes.Benchmarks.Worker;
using Processes.Remote;

namespace Processes.Benchmarks.Cases;

/// <summary>
/// remote-throughput: 64 calls of <see cref="EchoTask"/> outstanding at once on one
/// <see cref="ProcessClient"/> connection, against 64 pipelined raw echoes on one pipe (a read loop
/// matching replies to callers). One operation is the whole batch; calls/s = 64 / its time.
/// </summary>
[MemoryDiagnoser]
public class RemoteThroughputBenchmarks
{
    public const int ConcurrentCalls = 64;
    public const int PayloadBytes = 256;
    private readonly Task<EchoTask>[] _remoteCalls = new Task<EchoTask>[ConcurrentCalls];
    private readonly Task<int>[] _rawCalls = new Task<int>[ConcurrentCalls];
    private readonly byte[] _payload = new byte[PayloadBytes];
    private RemoteServers? _servers;
    private ProcessClient? _client;
    private RawPipelinedEchoClient? _rawClient;

    // Synchronous: BenchmarkDotNet 0.14's in-process toolchain does not await a Task-returning setup.
    [GlobalSetup]
    public void StartServersAndConnect() => StartServersAndConnectAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void StopServers() => StopServersAsync().GetAwaiter().GetResult();

    private async Task StartServersAndConnectAsync()
    {
        try
        {
            _servers = await RemoteServers.StartAsync();
            _client = _servers.Client;
            _rawClient = await RawPipelinedEchoClient.ConnectAsync(_servers.EchoPipe, _servers.Timeout);

            // Every reply must reach its own caller intact before anything is timed.
            await SixtyFourConcurrentRemoteCalls();
            await SixtyFourPipelinedRawEchoes();
            if (Array.Exists(_remoteCalls, call => call.Result.Echo.Length != PayloadBytes) || Array.Exists(_rawCalls, call => call.Result != PayloadBytes))
            {
                throw new InvalidOperationException("An echo came back with the wrong size.");
            }
        }
        catch
        {
            await StopServersAsync();
            throw;
        }
    }

    private async Task StopServersAsync()
    {
        if (_rawClient is not null)
        {
            await _rawClient.DisposeAsync();
        }

        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }

        (_client, _rawClient, _servers) = (null, null, null);
    }

    [Benchmark]
    public Task SixtyFourConcurrentRemoteCalls()
    {
        for (var i = 0; i < ConcurrentCalls; i++)
        {
            _remoteCalls[i] = _client!.RunAsync(new EchoTask { Payload = _payload }).AsTask();
        }

        return Task.WhenAll(_remoteCalls);
    }

    [Benchmark(Baseline = true)]
    public Task SixtyFourPipelinedRawEchoes()
    {
        for (var i = 0; i < ConcurrentCalls; i++)
        {
            _rawCalls[i] = _rawClient!.EchoAsync(PayloadBytes);
        }

        return Task.WhenAll(_rawCalls);
    }
}
