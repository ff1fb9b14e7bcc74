using System;
using System.Text;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.TestProcesses;

namespace Processes.Remote.Tests;

/// <summary>A worker in the test process itself, for options the worker executable does not take (small limits) and for a second worker on a name.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly ProcessRuntime _runtime;

    private InProcessWorker(ProcessRuntime runtime, ProcessWorker worker)
    {
        _runtime = runtime;
        Worker = worker;
    }

    public ProcessWorker Worker { get; }

    public string PipeName => Worker.Options.PipeName;

    /// <summary>Creates a worker; <paramref name="configure"/> changes the options (pipe name new, secret as given).</summary>
    public static InProcessWorker Create(string? secret, Func<ProcessWorkerOptions, ProcessWorkerOptions>? configure = null, string? pipeName = null)
    {
        TestProcessCatalog.Register();
        var options = new ProcessWorkerOptions
        {
            PipeName = pipeName ?? WorkerProcess.NewPipeName(),
            SharedSecret = secret is null ? null : Encoding.UTF8.GetBytes(secret),
        };
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        return new InProcessWorker(runtime, new ProcessWorker(runtime, configure is null ? options : configure(options)));
    }

    /// <summary>Creates and starts a worker.</summary>
    public static async Task<InProcessWorker> StartAsync(string? secret, Func<ProcessWorkerOptions, ProcessWorkerOptions>? configure = null, string? pipeName = null)
    {
        var worker = Create(secret, configure, pipeName);
        try
        {
            await worker.Worker.StartAsync();
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }

        return worker;
    }

    public Task<ProcessClient> ConnectAsync(string? secret) =>
        ProcessClient.ConnectAsync(PipeName, new ProcessClientOptions
        {
            SharedSecret = secret is null ? null : Encoding.UTF8.GetBytes(secret),
            ConnectTimeout = WorkerProcess.Timeout,
        });

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await _runtime.DisposeAsync();
    }
}
