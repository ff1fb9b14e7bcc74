using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace RemoteQuickStart;

/// <summary>A worker started as a separate OS process: the JIT build beside this sample, or a native AOT binary.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process, string pipeName)
    {
        _process = process;
        PipeName = pipeName;
    }

    public string PipeName { get; }

    public int Pid => _process.Id;

    /// <summary>
    /// The worker binary: <c>PROCESSES_WORKER_BINARY</c> when set (e.g. the native AOT publish of
    /// samples/Worker), otherwise the Worker app built beside this sample.
    /// </summary>
    public static string BinaryPath =>
        Environment.GetEnvironmentVariable("PROCESSES_WORKER_BINARY") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Worker.exe" : "Worker");

    /// <summary>Starts a worker on a new pipe and waits until it accepts clients.</summary>
    public static async Task<WorkerProcess> StartAsync(string storeDirectory, string secret)
    {
        var pipeName = "processes-remote-quickstart-" + Guid.NewGuid().ToString("N")[..12];
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--pipe", pipeName, "--store", storeDirectory, "--stop-when-input-closes" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PROCESSES_WORKER_SECRET"] = secret;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BinaryPath}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "ready")
            {
                return new WorkerProcess(process, pipeName);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The worker {BinaryPath} exited before it was ready (exit code {process.ExitCode}).");
    }

    /// <summary>Kills the worker without warning, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the worker to stop (closing its input) and waits for it, killing it if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
