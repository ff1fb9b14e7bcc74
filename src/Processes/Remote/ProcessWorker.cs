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
        Logger = options.LoggerFactory.CreateLogger("Processes.Remote.ProcessWorker");
        Recent = new RecentProcesses(options.TerminatedRetention, _stopping.Token);
        Admission = new ConnectionAdmission(options.MaxConnections, options.MaxPendingHandshakes);
    }

    /// <summary>The runtime the worker serves.</summary>
    public ProcessRuntime Runtime { get; }

    /// <summary>The options.</summary>
    public ProcessWorkerOptions Options { get; }

    /// <summary>The number of clients connected now (that completed the handshake).</summary>
    public int ConnectionCount => Admission.Authenticated;

    internal ILogger Logger { get; }

    internal RecentProcesses Recent { get; }

    internal ConnectionAdmission Admission { get; }

    /// <summary>
    /// Starts listening. When this returns, the pipe exists and clients can connect. Throws
    /// <see cref="PipeNameInUseException"/> when another worker already serves the pipe name.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The worker has already been started.");
        }

        // The first listener is created here, not in the loop, so the pipe exists on return.
        NamedPipeServerStream first;
        try
        {
            first = CreateFirstListener();
        }
        catch
        {
            // Not started: the worker may be started again (e.g. once the other one has stopped).
            Volatile.Write(ref _state, 0);
            throw;
        }

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

    private NamedPipeServerStream CreateListener(PipeOptions extraOptions = PipeOptions.None)
    {
        var pipeOptions = PipeOptions.Asynchronous | extraOptions | (Options.CurrentUserOnly ? PipeOptions.CurrentUserOnly : PipeOptions.None);
        return new NamedPipeServerStream(
            Options.PipeName, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, pipeOptions);
    }

    /// <summary>The first listener, refusing a pipe name another worker serves.</summary>
    private NamedPipeServerStream CreateFirstListener()
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows keeps the pipe while any instance exists, and says so to FirstPipeInstance.
            try
            {
                return CreateListener(PipeOptions.FirstPipeInstance);
            }
            catch (UnauthorizedAccessException exception)
            {
                throw new PipeNameInUseException(Options.PipeName, exception);
            }
        }

        // On Unix the pipe is a socket file, and .NET replaces whatever file is there (and shares
        // one socket among servers of a name in one process), so FirstPipeInstance cannot tell a
        // live worker from the file a killed one left. Asking tells: a live worker accepts at once,
        // a stale file refuses at once, and the listener then replaces it.
        if (IsServedByAnotherWorker(Options.PipeName))
        {
            throw new PipeNameInUseException(Options.PipeName);
        }

        return CreateListener();
    }

    private static bool IsServedByAnotherWorker(string pipeName)
    {
        using var probe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.None);
        try
        {
            // One attempt: connecting to a Unix socket succeeds or fails without waiting.
            probe.Connect(0);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // Served, by a worker of another user.
            return true;
        }
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

                // Counted as in the handshake here, in accept order, so the oldest is dropped first.
                var refuse = Admission.IsFull;
                if (!refuse)
                {
                    Admission.BeginHandshake(connection)?.DropHandshake();
                }

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
