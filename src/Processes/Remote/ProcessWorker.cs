using System;
using System.Collections.Concurrent;
using System.IO.Pipes;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Processes.Remote;

/// <summary>
/// Hosts a <see cref="ProcessRuntime"/> on a named pipe: many clients, many concurrent calls per
/// connection (multiplexed by correlation id), typed errors, cancellation and status pushes. A
/// malformed frame closes only the connection that sent it. See docs/remote.md.
/// <code>
/// await using var runtime = new ProcessRuntime(new() { Store = new FileCheckpointStore("checkpoints") });
/// await using var worker = new ProcessWorker(runtime, new() { PipeName = "squares", SharedSecret = secret });
/// await worker.StartAsync();
/// </code>
/// </summary>
public sealed class ProcessWorker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _acceptLoop;
    private long _connectionCount;
    private int _state;

    /// <summary>Creates a worker for <paramref name="runtime"/>, which stays owned by the caller.</summary>
    public ProcessWorker(ProcessRuntime runtime, ProcessWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Runtime = runtime;
        Options = options;
        Client = new InProcessClient(runtime);
        Logger = options.LoggerFactory.CreateLogger("Processes.Remote.ProcessWorker");
        Recent = new RecentProcesses(options.TerminatedRetention, _stopping.Token);
    }

    /// <summary>The runtime the worker serves.</summary>
    public ProcessRuntime Runtime { get; }

    /// <summary>The options.</summary>
    public ProcessWorkerOptions Options { get; }

    /// <summary>The number of clients connected now.</summary>
    public int ConnectionCount => _connections.Count;

    internal InProcessClient Client { get; }

    internal ILogger Logger { get; }

    internal RecentProcesses Recent { get; }

    /// <summary>Starts listening. When this returns, the pipe exists and clients can connect.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The worker has already been started.");
        }

        // The first listener is created here, not in the loop, so the pipe exists on return.
        var first = CreateListener();
        _acceptLoop = Task.Run(() => AcceptLoopAsync(first));
        RemoteLog.Listening(Logger, Options.PipeName, Options.SharedSecret is not null);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops listening and closes every connection; calls in flight end without a reply. The
    /// runtime and its processes are untouched (stop or dispose the runtime separately).
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Values.ToArray()).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private NamedPipeServerStream CreateListener()
    {
        var pipeOptions = PipeOptions.Asynchronous | (Options.CurrentUserOnly ? PipeOptions.CurrentUserOnly : PipeOptions.None);
        return new NamedPipeServerStream(
            Options.PipeName, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, pipeOptions);
    }

    private async Task AcceptLoopAsync(NamedPipeServerStream listener)
    {
        var stopping = _stopping.Token;
        NamedPipeServerStream? next = listener;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                next ??= CreateListener();
                await next.WaitForConnectionAsync(stopping).ConfigureAwait(false);
                var stream = next;
                next = null;
                var number = Interlocked.Increment(ref _connectionCount);
                var connection = new WorkerConnection(this, stream, number);
                var refuse = _connections.Count >= Options.MaxConnections;
                _connections[number] = Task.Run(() => connection.RunAsync(refuse, stopping));
                _ = _connections[number].ContinueWith(
                    (_, state) => _connections.TryRemove((long)state!, out Task? _), number, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // A failed accept (e.g. a client that vanished mid-connect) must not end the loop.
                RemoteLog.AcceptFailed(Logger, exception, Options.PipeName);
                if (next is not null)
                {
                    await next.DisposeAsync().ConfigureAwait(false);
                    next = null;
                }

                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (next is not null)
        {
            await next.DisposeAsync().ConfigureAwait(false);
        }
    }
}
