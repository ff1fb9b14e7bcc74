using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Processes.Benchmarks.Remote;
using Processes.Benchmarks.Subjects;
using Processes.Remote;

namespace Processes.Benchmarks.Cases;

/// <summary>
/// shared-state-remote: one atomic update of a shared state owned by a worker process (a
/// compare-and-set: a read and a replace, two round trips, the worker saving to its in-memory
/// store), against one raw echo of 16 bytes to an echo server process over a named pipe.
/// </summary>
[MemoryDiagnoser]
public class SharedStateRemoteBenchmarks
{
    private RemoteServers? _servers;
    private ProcessClient? _client;
    private RawEchoClient? _rawClient;
    private readonly byte[] _payload = new byte[16];

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
            _rawClient = await RawEchoClient.ConnectAsync(_servers.EchoPipe, _servers.Timeout);
            var before = (await _client.SharedStates.GetAsync<BenchCounter>("bench")).State.Count;
            if (await UpdateSharedStateOnWorker() != before + 1)
            {
                throw new InvalidOperationException("The worker did not apply the update.");
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
    public async Task<long> UpdateSharedStateOnWorker() =>
        await _client!.SharedStates.UpdateAsync<BenchCounter, long>("bench", static counter => ++counter.Count);

    [Benchmark(Baseline = true)]
    public async Task<int> RawEchoOverPipe() => (await _rawClient!.EchoAsync(_payload)).Length;
}
