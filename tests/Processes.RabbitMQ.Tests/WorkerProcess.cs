using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.RabbitMQ.Tests;

/// <summary>A worker as a real OS process (Processes.RabbitMQ.TestWorker), killed on dispose.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>
    /// Starts the worker: <c>dotnet</c> on its built DLL, or the native binary named by
    /// <c>PROCESSES_RABBITMQ_TEST_WORKER_BINARY</c> (CI's Native AOT publish). Its store is the
    /// deployment's file store, or the PostgreSQL schema <paramref name="postgres"/> names.
    /// </summary>
    public static async Task<WorkerProcess> StartAsync(Deployment deployment, int slots = 4, int leaseSeconds = 30, bool childrenOnAnyWorker = false, (string ConnectionString, string Schema)? postgres = null, int stateLeaseSeconds = 30)
    {
        var native = Environment.GetEnvironmentVariable("PROCESSES_RABBITMQ_TEST_WORKER_BINARY");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(native) ? "dotnet" : native)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (string.IsNullOrEmpty(native))
        {
            start.ArgumentList.Add(WorkerDll());
        }

        foreach (var argument in new[]
        {
            "--port", deployment.Broker.Port.ToString(CultureInfo.InvariantCulture), "--prefix", deployment.Prefix,
            "--slots", slots.ToString(CultureInfo.InvariantCulture), "--lease-seconds", leaseSeconds.ToString(CultureInfo.InvariantCulture),
            "--shared-states", deployment.SharedStatesPath, "--state-lease-seconds", stateLeaseSeconds.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in postgres is { } database
            ? new[] { "--postgres", database.ConnectionString, "--postgres-schema", database.Schema }
            : new[] { "--store", deployment.StorePath })
        {
            start.ArgumentList.Add(argument);
        }

        if (childrenOnAnyWorker)
        {
            start.ArgumentList.Add("--children-on-any-worker");
            start.ArgumentList.Add("true");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The worker said '{line}' instead of ready.");
        }

        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown code runs, the socket is closed by the kernel.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Freezes (SIGSTOP) or thaws (SIGCONT) the process: a zombie that still believes it owns its processes.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("CONT");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string WorkerDll()
    {
        // tests/Processes.RabbitMQ.Tests/bin/<configuration>/<tfm>/ → the worker's own output folder.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(tests, "Processes.RabbitMQ.TestWorker", "bin", configuration, tfm, "Processes.RabbitMQ.TestWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Processes.RabbitMQ.TestWorker first.", dll);
    }
}
