using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>Starts a worker OS process on a fresh pipe and connects to it, or connects to one that already runs.</summary>
internal static class PoolWorkerStarter
{
    public static async Task<PoolWorker> StartAsync(ProcessPoolOptions options, string pipeName, int place, int restarts, ILogger logger, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.WorkerFileName!)
        {
            UseShellExecute = false,
            // stdin stays open for the worker's life: closing it is the request to stop cleanly.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in options.WorkerArguments)
        {
            start.ArgumentList.Add(argument.Replace(ProcessPoolOptions.PipeNameToken, pipeName, StringComparison.Ordinal));
        }

        foreach (var (name, value) in options.WorkerEnvironment)
        {
            start.Environment[name] = value;
        }

        Process osProcess;
        try
        {
            osProcess = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"The pool could not start its worker '{start.FileName}': {exception.Message}", exception);
        }

        // Output is drained (a full pipe would block the worker) and logged.
        osProcess.OutputDataReceived += (_, line) => LogLine(logger, pipeName, line.Data);
        osProcess.ErrorDataReceived += (_, line) => LogLine(logger, pipeName, line.Data);
        osProcess.BeginOutputReadLine();
        osProcess.BeginErrorReadLine();
        try
        {
            // Connecting retries until the worker listens or ConnectTimeout passes.
            var client = await ConnectAsync(options, pipeName, cancellationToken).ConfigureAwait(false);
            var runAhead = await ReserveRunSlotsAsync(options, client, cancellationToken).ConfigureAwait(false);
            PoolLog.WorkerReady(logger, place, pipeName);
            return new PoolWorker(place, pipeName, client, osProcess, options.SlotsPerWorker, restarts, runAhead);
        }
        catch
        {
            Kill(osProcess);
            osProcess.Dispose();
            throw;
        }
    }

    public static async Task<PoolWorker> AdoptAsync(ProcessPoolOptions options, string pipeName, int place, CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(options, pipeName, cancellationToken).ConfigureAwait(false);
        var runAhead = await ReserveRunSlotsAsync(options, client, cancellationToken).ConfigureAwait(false);
        return new PoolWorker(place, pipeName, client, osProcess: null, options.SlotsPerWorker, restarts: 0, runAhead);
    }

    /// <summary>The run-ahead the worker gets: the option's, once its connection has run slots; 0 when off or the worker is too old.</summary>
    private static async Task<int> ReserveRunSlotsAsync(ProcessPoolOptions options, ProcessClient client, CancellationToken cancellationToken)
    {
        if (options.RunAheadPerWorker == 0 || !client.SupportsRunQueue)
        {
            return 0;
        }

        await client.SetRunSlotsAsync(options.SlotsPerWorker, cancellationToken).ConfigureAwait(false);
        return options.RunAheadPerWorker;
    }

    /// <summary>Stops a worker: closes the connection, asks a started worker to stop (stdin closed), and kills it after the timeout.</summary>
    public static async Task StopAsync(PoolWorker worker, TimeSpan timeout)
    {
        await worker.Client.DisposeAsync().ConfigureAwait(false);
        if (worker.OsProcess is not { } osProcess)
        {
            return;
        }

        try
        {
            if (!osProcess.HasExited)
            {
                osProcess.StandardInput.Close();
                using var grace = new CancellationTokenSource(timeout);
                await osProcess.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // It did not stop in time, or its stdin was already gone: kill it.
        }

        Kill(osProcess);
        osProcess.Dispose();
        DeleteSocketFile(worker.PipeName);
    }

    public static void Kill(Process osProcess)
    {
        try
        {
            if (!osProcess.HasExited)
            {
                osProcess.Kill(entireProcessTree: true);
                osProcess.WaitForExit(5000);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>A killed worker cannot remove its Unix socket file; the pool does it for it.</summary>
    public static void DeleteSocketFile(string pipeName)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            try
            {
                File.Delete(Path.Combine(Path.GetTempPath(), "CoreFxPipe_" + pipeName));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Left behind; pipe names are never reused, so it harms nothing.
            }
        }
    }

    private static Task<ProcessClient> ConnectAsync(ProcessPoolOptions options, string pipeName, CancellationToken cancellationToken) =>
        ProcessClient.ConnectAsync(pipeName, new ProcessClientOptions { SharedSecret = options.SharedSecret, ConnectTimeout = options.ConnectTimeout }, cancellationToken);

    private static void LogLine(ILogger logger, string pipeName, string? line)
    {
        if (line is not null)
        {
            PoolLog.WorkerOutput(logger, pipeName, line);
        }
    }
}
