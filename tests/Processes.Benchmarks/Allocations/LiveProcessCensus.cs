using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Diagnostics.Runtime;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;

namespace Processes.Benchmarks.Allocations;

/// <summary>
/// `--live-census N`: what a waiting process keeps alive, object by object. Starts N
/// <see cref="GatedProcess"/>es (process-scale's subject) on one runtime with an in-memory store,
/// waits until all stand at the gate, forces a full collection and prints the live heap per
/// process (<see cref="GC.GetTotalMemory(bool)"/> against the same before the start); then dumps
/// this process (the runtime's createdump), walks the dump's heap and prints, by type, the live
/// objects and bytes per process (types with at least N / 2 live instances). Then the gate opens
/// and all finish.
/// </summary>
internal static class LiveProcessCensus
{
    public static async Task<int> RunAsync(int size)
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        // One warm-up process, so the census counts no type's first-use statics.
        GatedProcess.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var warm = runtime.RunAsync(new GatedProcess { Seed = -1 }).AsTask();
        GatedProcess.Gate.SetResult();
        await warm;

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        GatedProcess.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new Task<GatedProcess>[size];
        for (var i = 0; i < size; i++)
        {
            runs[i] = runtime.RunAsync(new GatedProcess { Seed = i }).AsTask();
        }

        Thread.Sleep(500);
        var heapWaiting = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size:N0} waiting processes: live heap {(heapWaiting - heapBefore) / (double)size:N0} B per process (GetTotalMemory), heap after the full collection {info.HeapSizeBytes / 1024 / 1024:N0} MB, gen 2 {info.GenerationInfo[2].SizeAfterBytes / 1024 / 1024:N0} MB"));
        var census = Census(size);
        GC.KeepAlive(runs);
        Console.WriteLine("live per process (types with ≥ N/2 instances):");
        Console.WriteLine("  objects/proc   bytes/proc  type");
        double objects = 0, bytes = 0;
        foreach (var (type, count, total) in census.Where(row => row.Count >= size / 2).OrderByDescending(row => row.Bytes))
        {
            objects += count / (double)size;
            bytes += total / (double)size;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count / (double)size,12:N2} {total / (double)size,12:N1}  {type}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {objects,12:N2} {bytes,12:N1}  total of the rows"));

        // The size of one waiting process's stored checkpoint (the load freezes that one entry; harmless here).
        var stored = await store.ListAsync(CheckpointQuery.All);
        var sample = await store.LoadAsync(stored[0].Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one stored checkpoint: {sample!.Data.Length} B of data, {stored.Count:N0} stored"));
        GatedProcess.Gate.SetResult();
        await Task.WhenAll(runs);
        return 0;
    }

    private static List<(string Type, long Count, long Bytes)> Census(int size)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"prc-census-{Environment.ProcessId}.dmp");
        var createdump = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "createdump");
        using (var tool = Process.Start(new ProcessStartInfo(createdump, $"--withheap -f {dump} {Environment.ProcessId}") { RedirectStandardOutput = true }))
        {
            tool!.StandardOutput.ReadToEnd();
            tool.WaitForExit();
        }

        try
        {
            using var target = DataTarget.LoadDump(dump);
            var clr = target.ClrVersions[0].CreateRuntime();
            var byType = new Dictionary<string, (long Count, long Bytes)>();
            foreach (var obj in clr.Heap.EnumerateObjects())
            {
                if (!obj.IsValid || obj.IsFree)
                {
                    continue;
                }

                var name = obj.Type?.Name ?? "?";
                byType.TryGetValue(name, out var row);
                byType[name] = (row.Count + 1, row.Bytes + (long)obj.Size);
            }

            _ = size;
            return byType.Select(pair => (pair.Key, pair.Value.Count, pair.Value.Bytes)).ToList();
        }
        finally
        {
            File.Delete(dump);
        }
    }
}
