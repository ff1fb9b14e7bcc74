using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Remote.Tests;

/// <summary>A real worker process (Processes.TestWorker, JIT with <c>dotnet</c> or a native AOT binary); killed on dispose.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private WorkerProcess(Process process, string pipeName, string? secret)
    {
        _process = process;
        PipeName = pipeName;
        Secret = secret;
    }

    public string PipeName { get; }

    public string? Secret { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the worker logged to stderr so far.</summary>
    public string Log => string.Join('\n', _log);

    public static string NewPipeName() => "prt" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<WorkerProcess> StartAsync(string? secret = null, string? store = null, string? pipeName = null, bool keepFinishedRuns = false)
    {
        pipeName ??= NewPipeName();
        // PROCESSES_TEST_WORKER_BINARY runs the same suite against a native AOT build of the worker.
        var native = Environment.GetEnvironmentVariable("PROCESSES_TEST_WORKER_BINARY");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(native) ? "dotnet" : native)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (string.IsNullOrEmpty(native))
        {
            start.ArgumentList.Add(WorkerDll());
        }

        start.ArgumentList.Add("--pipe");
        start.ArgumentList.Add(pipeName);
        if (secret is not null)
        {
            start.ArgumentList.Add("--secret");
            start.ArgumentList.Add(secret);
        }

        if (store is not null)
        {
            start.ArgumentList.Add("--store");
            start.ArgumentList.Add(store);
        }

        if (keepFinishedRuns)
        {
            start.ArgumentList.Add("--keep-finished-runs");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var worker = new WorkerProcess(process, pipeName, secret);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                worker._log.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout);
            if (line != "ready")
            {
                throw new InvalidOperationException($"The worker did not get ready: '{line}'. Log:\n{worker.Log}");
            }
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }

        return worker;
    }

    public Task<ProcessClient> ConnectAsync() => ConnectWithSecretAsync(Secret);

    public Task<ProcessClient> ConnectWithSecretAsync(string? secret) =>
        ProcessClient.ConnectAsync(PipeName, new ProcessClientOptions
        {
            SharedSecret = secret is null ? null : Encoding.UTF8.GetBytes(secret),
            ConnectTimeout = Timeout,
        });

    /// <summary>Kills the worker at once, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit((int)Timeout.TotalMilliseconds);
    }

    public async Task<bool> LogContainsAsync(string text)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_log.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    public int CountLogLines(string text) => _log.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Asks the worker to stop cleanly (closing its stdin), kills it if it does not, and removes its socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    // It did not stop in time; kill it below.
                }
            }

            Kill();
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            // Already gone.
        }

        _process.Dispose();

        // A killed worker cannot remove its Unix socket file; do it for it.
        var socket = Path.Combine(Path.GetTempPath(), "CoreFxPipe_" + PipeName);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            File.Delete(socket);
        }
    }

    private static string WorkerDll()
    {
        // This test assembly runs from tests/Processes.Remote.Tests/bin/<Configuration>/<tfm>/; the
        // worker builds to the same layout under tests/Processes.TestWorker.
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var tfm = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        var tests = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!)!)!;
        var dll = Path.Combine(tests, "Processes.TestWorker", "bin", configuration, tfm, "Processes.TestWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Processes.TestWorker first.", dll);
    }
}
