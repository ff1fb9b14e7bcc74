using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Processes.Benchmarks.Remote;
using Processes.Benchmarks.Worker;
using Processes.Remote;

namespace Processes.Benchmarks.Cases;

/// <summary>
/// remote-call: one call at a time of <see cref="EchoTask"/> through the typed proxy to a worker
/// process, against a raw echo of the same payload to an echo server process over a named pipe
/// with the same options. Both servers are separate processes started in setup.
/// </summary>
[MemoryDiagnoser]
public class RemoteCallBenchmarks
{
    private RemoteServers? _servers;
    private ProcessClient? _client;
    private RawEchoClient? _rawClient;
    private byte[] _payload = [];

    /// <summary>Payload bytes each way: 256 for the quick table's row; the size sweep varies it.</summary>
    public virtual int PayloadBytes { get; set; } = 256;

    // Synchronous: BenchmarkDotNet 0.14's in-process toolchain does not await a Task-returning setup.
    [GlobalSetup]
    public void StartServersAndConnect() => StartServersAndConnectAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void StopServers() => StopServersAsync().GetAwaiter().GetResult();

    private async Task StartServersAndConnectAsync()
    {
        _payload = new byte[PayloadBytes];
        new Random(PayloadBytes).NextBytes(_payload);
        try
        {
            _servers = await RemoteServers.StartAsync();
            _client = _servers.Client;
            _rawClient = await RawEchoClient.ConnectAsync(_servers.EchoPipe, _servers.Timeout);

            await VerifyBothEchoThePayload();
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
    public async Task<int> RunEchoTaskOnWorker()
    {
        var echoed = await _client!.RunAsync(new EchoTask { Payload = _payload });
        return echoed.Echo.Length;
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawEchoOverPipe()
    {
        var echoed = await _rawClient!.EchoAsync(_payload);
        return echoed.Length;
    }

    // A benchmark of a call that lost or changed bytes would time the wrong thing.
    private async Task VerifyBothEchoThePayload()
    {
        var remote = await _client!.RunAsync(new EchoTask { Payload = _payload });
        var raw = await _rawClient!.EchoAsync(_payload);
        if (!remote.Echo.AsSpan().SequenceEqual(_payload) || !raw.Span.SequenceEqual(_payload))
        {
            throw new InvalidOperationException($"An echo of {PayloadBytes} bytes came back different.");
        }
    }
}
