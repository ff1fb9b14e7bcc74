using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Processes.Checkpoints;
using Processes.Remote;

namespace Processes.Hosting;

/// <summary>
/// Starts with the host: continues unfinished processes when asked, then serves the worker pipe
/// when one is configured. Stops gracefully: the pipe closes first (no new work), then the runtime
/// stops, which detaches every running process where it is; each keeps its last checkpoint and
/// nothing is marked failed, so the next start (or another host on the same store) continues it.
/// </summary>
internal sealed partial class ProcessesHostedService : IHostedService, IAsyncDisposable
{
    private readonly ProcessRuntime _runtime;
    private readonly ProcessesHostingOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private ProcessWorker? _worker;

    public ProcessesHostedService(ProcessRuntime runtime, IOptions<ProcessesHostingOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _runtime = runtime;
        _options = options.Value;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Processes.Hosting");
    }

    /// <summary>The worker serving the pipe, once started; null when no pipe is configured.</summary>
    public ProcessWorker? Worker => _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.ContinueUnfinishedOnStart)
        {
            await ContinueUnfinishedAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_options.Worker.PipeName is { } pipeName)
        {
            var worker = new ProcessWorker(_runtime, new ProcessWorkerOptions
            {
                PipeName = pipeName,
                SharedSecret = ReadSecret(_options),
                CurrentUserOnly = _options.Worker.CurrentUserOnly,
                MaxConnections = _options.Worker.MaxConnections,
                LoggerFactory = _loggerFactory,
            });
            await worker.StartAsync(cancellationToken).ConfigureAwait(false);
            _worker = worker;
            LogServing(_logger, pipeName);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _worker, null) is { } worker)
        {
            await worker.StopAsync().ConfigureAwait(false);
        }

        var running = _runtime.Processes.Count;
        await _runtime.StopAsync().ConfigureAwait(false);
        LogStopped(_logger, running);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _worker, null) is { } worker)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ContinueUnfinishedAsync(CancellationToken cancellationToken)
    {
        var stored = await _runtime.Store.ListAsync(CheckpointQuery.All, cancellationToken).ConfigureAwait(false);
        foreach (var info in stored)
        {
            // Children are continued by their parents, which know where they stopped waiting.
            if (info.ParentId is not null || info.State is ProcessState.Finished or ProcessState.Excepted or ProcessState.Killed)
            {
                continue;
            }

            try
            {
                await _runtime.ContinueAsync(info.Id, cancellationToken).ConfigureAwait(false);
                LogContinued(_logger, info.ProcessName, info.Id);
            }
            catch (Exception exception) when (exception is ProcessOwnedException or UnknownProcessTypeException or CheckpointCorruptedException or OutlineVersionMismatchException or CheckpointNotFoundException)
            {
                LogNotContinued(_logger, info.ProcessName, info.Id, exception.Message, exception);
            }
        }
    }

    private static byte[]? ReadSecret(ProcessesHostingOptions options)
    {
        if (options.Worker.SharedSecretFile is { } file)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new ProcessesConfigurationException(options.SectionPath + ":Worker:SharedSecretFile", $"cannot read '{file}': {exception.Message}", exception);
            }

            return Encoding.UTF8.GetBytes(text.TrimEnd('\r', '\n'));
        }

        return string.IsNullOrEmpty(options.Worker.SharedSecret) ? null : Encoding.UTF8.GetBytes(options.Worker.SharedSecret);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Serving processes on pipe {PipeName}")]
    private static partial void LogServing(ILogger logger, string pipeName);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Continued {ProcessName} {ProcessId} from its checkpoint")]
    private static partial void LogContinued(ILogger logger, string processName, ProcessId processId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Did not continue {ProcessName} {ProcessId}: {Reason}")]
    private static partial void LogNotContinued(ILogger logger, string processName, ProcessId processId, string reason, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Processes stopped; {Count} running process(es) detached with their checkpoints")]
    private static partial void LogStopped(ILogger logger, int count);
}
