using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Processes.Pool.Tests;

/// <summary>Pools of real Processes.TestWorker OS processes on a fresh checkpoint store, and waits with timeouts.</summary>
public static class PoolKit
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string Secret = "pool-tests-secret";

    public static string NewStore() => Path.Combine(Path.GetTempPath(), "prp-store-" + Guid.NewGuid().ToString("N"));

    public static ProcessPoolOptions Options(string store, int workers, int slots) => new()
    {
        WorkerFileName = "dotnet",
        WorkerArguments = [WorkerDll(), "--pipe", ProcessPoolOptions.PipeNameToken, "--store", store, "--secret", Secret],
        SharedSecret = Encoding.UTF8.GetBytes(Secret),
        WorkerCount = workers,
        SlotsPerWorker = slots,
        PipeNamePrefix = "prp",
    };

    public static Task<ProcessPool> StartAsync(string store, int workers = 1, int slots = 1, Func<ProcessPoolOptions, ProcessPoolOptions>? configure = null) =>
        ProcessPool.StartAsync((configure ?? (options => options))(Options(store, workers, slots))).WaitAsync(Timeout);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);

    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<ProcessStatus> UntilStatus(IProcessHandle handle, Func<ProcessStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var status = await handle.GetStatusAsync().AsTask().WaitAsync(Timeout);
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The status did not come in time; last: {status}");
            }

            await Task.Delay(20);
        }
    }

    public static void DeleteStore(string store)
    {
        if (Directory.Exists(store))
        {
            Directory.Delete(store, recursive: true);
        }
    }

    /// <summary>Kills an OS process with SIGKILL (on Unix), as a crash would.</summary>
    public static void KillOsProcess(int id)
    {
        using var process = Process.GetProcessById(id);
        process.Kill();
        process.WaitForExit(10_000);
    }

    public static string WorkerDll()
    {
        // This test assembly runs from tests/Processes.Pool.Tests/bin/<Configuration>/<tfm>/; the
        // worker builds to the same layout under tests/Processes.TestWorker.
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var tfm = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        var tests = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!)!)!;
        var dll = Path.Combine(tests, "Processes.TestWorker", "bin", configuration, tfm, "Processes.TestWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Processes.TestWorker first.", dll);
    }
}
