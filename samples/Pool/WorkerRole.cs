using System;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Processes.Remote;

namespace PoolSample;

/// <summary>One worker of the pool: a runtime on the shared store, served on the pipe the pool chose, until stdin closes.</summary>
internal static class WorkerRole
{
    /// <summary>The variable the pool passes the shared secret in (base64), off the command line.</summary>
    public const string SecretVariable = "POOL_SAMPLE_SECRET";

    public static async Task<int> RunAsync(string[] args)
    {
        string? pipe = null, store = null;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--pipe": pipe = args[i + 1]; break;
                case "--store": store = args[i + 1]; break;
            }
        }

        if (pipe is null || store is null)
        {
            Console.Error.WriteLine("Usage: Pool --worker --pipe NAME --store DIRECTORY");
            return 2;
        }

        ProcessRegistry.Global.Register<Square>().Register<Tally>();
        var secret = Environment.GetEnvironmentVariable(SecretVariable);
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new FileCheckpointStore(store) });
        await using var worker = new ProcessWorker(runtime, new ProcessWorkerOptions
        {
            PipeName = pipe,
            SharedSecret = secret is null ? null : Convert.FromBase64String(secret),
        });
        await worker.StartAsync();

        // The pool keeps stdin open for the worker's life; closing it asks for a clean stop.
        await Task.Run(() => Console.In.ReadToEnd());
        await worker.StopAsync();
        return 0;
    }
}
