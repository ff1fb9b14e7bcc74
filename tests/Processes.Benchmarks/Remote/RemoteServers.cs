using System;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// The two server processes the remote cases compare: a worker serving <c>EchoTask</c> (with a
/// connected <see cref="ProcessClient"/>) and the raw echo server (each case connects its own
/// kind of raw client to <see cref="EchoPipe"/>). Disposing stops both.
/// </summary>
internal sealed class RemoteServers : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private OwnedProcess? _worker;
    private OwnedProcess? _echoServer;
    private OwnedProcess? _batchedEchoServer;
    private ProcessClient? _client;

    private RemoteServers()
    {
    }

    public ProcessClient Client => _client ?? throw new ObjectDisposedException(nameof(RemoteServers));

    public string EchoPipe { get; private set; } = string.Empty;

    /// <summary>The pipe of a second echo server, started with <c>--batched</c> (see <see cref="RawBatchedEchoClient"/>).</summary>
    public string BatchedEchoPipe { get; private set; } = string.Empty;

    public TimeSpan Timeout => StartTimeout;

    /// <summary>The worker's operating-system process id (to read its CPU time or attach a profiler).</summary>
    public int WorkerProcessId => _worker?.Id ?? throw new ObjectDisposedException(nameof(RemoteServers));

    /// <summary>The batched echo server's operating-system process id.</summary>
    public int BatchedEchoProcessId => _batchedEchoServer?.Id ?? throw new ObjectDisposedException(nameof(RemoteServers));

    public static async Task<RemoteServers> StartAsync()
    {
        var servers = new RemoteServers();
        try
        {
            var workerPipe = PipeNames.New("worker");
            servers._worker = await OwnedProcess.StartServerAsync(BenchmarkExecutables.Worker, ["--pipe", workerPipe], StartTimeout);
            servers._client = await ProcessClient.ConnectAsync(workerPipe);
            servers.EchoPipe = PipeNames.New("echo");
            servers._echoServer = await OwnedProcess.StartServerAsync(BenchmarkExecutables.RawEchoServer, ["--pipe", servers.EchoPipe], StartTimeout);
            servers.BatchedEchoPipe = PipeNames.New("echo-batched");
            servers._batchedEchoServer = await OwnedProcess.StartServerAsync(BenchmarkExecutables.RawEchoServer, ["--pipe", servers.BatchedEchoPipe, "--batched"], StartTimeout);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _worker?.Dispose();
        _echoServer?.Dispose();
        _batchedEchoServer?.Dispose();
        (_client, _worker, _echoServer, _batchedEchoServer) = (null, null, null, null);
    }
}
