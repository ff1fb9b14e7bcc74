using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Census;
using Processes;
using Processes.Ports;
using Processes.Remote;
using RemoteQuickStart;

// RemoteQuickStart: runs processes on a worker OS process through typed proxies over a named pipe,
// kills the worker midway through a long process, starts a new worker on the same checkpoint store,
// continues the process there and checks its outputs against an uninterrupted in-process run.
var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
var clientOptions = new ProcessClientOptions { SharedSecret = System.Text.Encoding.UTF8.GetBytes(secret) };
var census = new PrimeCensus { Limit = 400_000, ChunkSize = 20_000, Parallelism = 4 };
var directory = Path.Combine(Path.GetTempPath(), "processes-remote-quickstart-" + Environment.ProcessId);
Console.WriteLine($"Worker binary: {WorkerProcess.BinaryPath}");

try
{
    ProcessId censusId;
    await using (var worker = await WorkerProcess.StartAsync(directory, secret))
    {
        Console.WriteLine($"1. Worker {worker.Pid} listening on pipe {worker.PipeName}");
        await using var client = await ProcessClient.ConnectAsync(worker.PipeName, clientOptions);

        var primes = await client.RunAsync(new CountPrimes { From = 0, To = 100_000 });
        Console.WriteLine($"   remote CountPrimes [0, 100000): {primes.Count} primes, largest {primes.Largest}");

        try
        {
            await client.RunAsync(new PrimeCensus { Limit = 1, ChunkSize = 5 });
        }
        catch (PortValidationException invalid)
        {
            Console.WriteLine($"   invalid inputs are refused by the worker, every error at its path:");
            foreach (var error in invalid.Errors)
            {
                Console.WriteLine($"     {error.Path}: {error.Message}");
            }
        }

        try
        {
            await using var intruder = await ProcessClient.ConnectAsync(worker.PipeName, new ProcessClientOptions());
            await intruder.ListAsync();
            Console.WriteLine("   MISMATCH: a client without the secret was served.");
            return 1;
        }
        catch (RemoteAuthenticationException refused)
        {
            Console.WriteLine($"   a client without the shared secret is refused: {refused.Message}");
        }

        var handle = await client.LaunchAsync(new PrimeCensus { Limit = census.Limit, ChunkSize = census.ChunkSize, Parallelism = census.Parallelism, Throttle = 150 });
        censusId = handle.Id;
        Console.WriteLine($"2. Launched {handle.Name} {censusId} on the worker");
        string? last = null;
        while (true)
        {
            var status = await handle.GetStatusAsync();
            if (status.StatusMessage != last)
            {
                last = status.StatusMessage;
                Console.WriteLine($"   {status.State}: {last}");
            }

            if (last?.StartsWith("batch 2 of", StringComparison.Ordinal) == true)
            {
                break;
            }

            await Task.Delay(20);
        }

        await worker.KillAsync();
        Console.WriteLine($"   killed worker {worker.Pid} midway");
    }

    await using (var worker = await WorkerProcess.StartAsync(directory, secret))
    {
        Console.WriteLine($"3. New worker {worker.Pid} on the same checkpoint store");
        await using var client = await ProcessClient.ConnectAsync(worker.PipeName, clientOptions);
        var progress = new Progress<ProcessStatus>(status => Console.WriteLine($"   {status.State}: {status.StatusMessage}"));
        var handle = await client.ContinueAsync<PrimeCensus>(censusId);
        var continued = await handle.WaitAsync(progress).AsTask().WaitAsync(TimeSpan.FromMinutes(2));
        Console.WriteLine($"   continued: count = {continued.Count}, largest = {continued.Largest}, digest = {continued.Digest}");

        await using var runtime = new ProcessRuntime();
        var reference = await runtime.RunAsync(census);
        Console.WriteLine($"   in-process reference: count = {reference.Count}, largest = {reference.Largest}, digest = {reference.Digest}");

        var identical = continued.Count == reference.Count && continued.Largest == reference.Largest && continued.Digest == reference.Digest;
        Console.WriteLine();
        Console.WriteLine(identical
            ? "The process continued on a new worker finished with the same outputs as an uninterrupted run."
            : "MISMATCH: the continued run's outputs differ from the uninterrupted run.");
        return identical ? 0 : 1;
    }
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}
