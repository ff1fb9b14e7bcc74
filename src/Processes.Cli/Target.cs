using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Remote;
using Processes.Sqlite;

namespace Processes.Cli;

/// <summary>
/// What a command talks to: a worker on a pipe (running processes, control) and/or a checkpoint
/// store (stored processes). Opened from <c>--pipe NAME [--secret-file F]</c> and
/// <c>--store file:PATH|sqlite:PATH</c>.
/// </summary>
internal sealed class Target : IAsyncDisposable
{
    private ProcessRuntime? _storeRuntime;

    private Target(ProcessClient? worker, ICheckpointStore? store, string? storeLabel)
    {
        Worker = worker;
        Store = store;
        StoreLabel = storeLabel;
    }

    /// <summary>The connected worker, if <c>--pipe</c> was given.</summary>
    public ProcessClient? Worker { get; }

    /// <summary>The opened store, if <c>--store</c> was given.</summary>
    public ICheckpointStore? Store { get; }

    /// <summary>The store as given on the command line.</summary>
    public string? StoreLabel { get; }

    /// <summary>The worker, or a usage error naming the command that needs it.</summary>
    public ProcessClient RequireWorker(string command) =>
        Worker ?? throw new CliException(ExitCodes.Usage, $"'{command}' controls running processes: give the worker with --pipe NAME.");

    /// <summary>The store, or a usage error naming the command that needs it.</summary>
    public ICheckpointStore RequireStore(string command) =>
        Store ?? throw new CliException(ExitCodes.Usage, $"'{command}' reads a checkpoint store: give it with --store file:PATH or --store sqlite:PATH.");

    /// <summary>
    /// An in-process runtime over the store, for what only a runtime decodes (a checkpoint's
    /// status) or does (continue). It runs only what this tool's process has registered.
    /// </summary>
    public ProcessRuntime StoreRuntime(string command) =>
        _storeRuntime ??= new ProcessRuntime(new ProcessRuntimeOptions { Store = RequireStore(command) });

    public static async Task<Target> OpenAsync(string? pipe, string? secretFile, string? store, CancellationToken cancellationToken)
    {
        if (pipe is null && store is null)
        {
            throw new CliException(ExitCodes.Usage, "Give a target: --pipe NAME (a worker) and/or --store file:PATH|sqlite:PATH (a checkpoint store).");
        }

        if (secretFile is not null && pipe is null)
        {
            throw new CliException(ExitCodes.Usage, "--secret-file is for a worker: give --pipe NAME too.");
        }

        var opened = store is null ? null : await OpenStoreAsync(store, cancellationToken).ConfigureAwait(false);
        ProcessClient? worker = null;
        if (pipe is not null)
        {
            try
            {
                worker = await ProcessClient.ConnectAsync(pipe, new ProcessClientOptions
                {
                    SharedSecret = ReadSecret(secretFile),
                    ConnectTimeout = TimeSpan.FromSeconds(5),
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteProcessException exception)
            {
                await DisposeStoreAsync(opened).ConfigureAwait(false);
                throw new CliException(ExitCodes.Unreachable, $"Cannot reach the worker on pipe '{pipe}': {exception.Message}");
            }
        }

        return new Target(worker, opened, store);
    }

    public async ValueTask DisposeAsync()
    {
        if (_storeRuntime is not null)
        {
            await _storeRuntime.DisposeAsync().ConfigureAwait(false);
        }

        if (Worker is not null)
        {
            await Worker.DisposeAsync().ConfigureAwait(false);
        }

        await DisposeStoreAsync(Store).ConfigureAwait(false);
    }

    private static async ValueTask DisposeStoreAsync(ICheckpointStore? store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static byte[]? ReadSecret(string? secretFile)
    {
        if (secretFile is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetBytes(File.ReadAllText(secretFile).TrimEnd('\r', '\n'));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"Cannot read the secret file '{secretFile}': {exception.Message}");
        }
    }

    private static async Task<ICheckpointStore> OpenStoreAsync(string spec, CancellationToken cancellationToken)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? spec[..colon] : string.Empty;
        var path = colon > 0 ? spec[(colon + 1)..] : string.Empty;
        if (path.Length == 0)
        {
            throw new CliException(ExitCodes.Usage, $"--store '{spec}': write file:DIRECTORY or sqlite:DATABASE-FILE.");
        }

        switch (kind.ToUpperInvariant())
        {
            case "FILE":
                // A tool that inspects must not create: a mistyped directory is an error, not an empty store.
                return Directory.Exists(path)
                    ? new FileCheckpointStore(path)
                    : throw new CliException(ExitCodes.NotFound, $"No checkpoint directory at '{Path.GetFullPath(path)}'.");
            case "SQLITE":
                return File.Exists(path)
                    ? await SqliteCheckpointStore.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : throw new CliException(ExitCodes.NotFound, $"No SQLite checkpoint database at '{Path.GetFullPath(path)}'.");
            default:
                throw new CliException(ExitCodes.Usage, $"--store '{spec}': unknown store kind '{kind}'; use file:DIRECTORY or sqlite:DATABASE-FILE.");
        }
    }
}
