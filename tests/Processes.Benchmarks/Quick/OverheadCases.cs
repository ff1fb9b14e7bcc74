using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading.Tasks;
using MemoryPack;
using Processes.Benchmarks.Cases;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;
using Processes.Serialization;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// The runtime's fixed costs, measured interleaved (see <see cref="Interleaved"/>):
/// task-inproc (a trivial task, with and without a state listener) and process-steps.
/// </summary>
internal static class OverheadCases
{
    private static int _sink;

    public static CaseResult TaskInProcess()
    {
        Console.WriteLine("task-inproc");
        var runtime = new ProcessRuntime();
        var listened = new ProcessRuntime();
        var changes = 0;
        listened.StateChanged += (_, _) => changes++;
        try
        {
            var viaTaskRun = Interleaved.Measure("RunAsync(SquareTask)", count => RunTasks(runtime, count), "Task.Run(body)", TaskRunBodies);
            var viaDirect = Interleaved.Measure("RunAsync(SquareTask)", count => RunTasks(runtime, count), "direct call", DirectCalls);
            var withListener = Interleaved.Measure("RunAsync(SquareTask), listener", count => RunTasks(listened, count), "Task.Run(body)", TaskRunBodies);
            if (changes == 0)
            {
                throw new InvalidOperationException("task-inproc: the state listener saw no change.");
            }

            var bytes = viaTaskRun.Ours.AllocatedBytes;
            var facts = viaTaskRun.Facts();
            foreach (var (name, fact) in viaDirect.Facts("direct.")) facts[name] = fact;
            foreach (var (name, fact) in withListener.Facts("listener.")) facts[name] = fact;
            facts["listener.bytesPerCall"] = withListener.Ours.AllocatedBytes;
            return new CaseResult(
                "task-inproc",
                $"{Format.Duration(viaTaskRun.Ours.WallNanoseconds)} (CPU {Format.Duration(viaTaskRun.Ours.CpuNanoseconds)}), {Format.Bytes((long)Math.Round(bytes))}/call; with a StateChanged listener {Format.Duration(withListener.Ours.WallNanoseconds)}, {Format.Bytes((long)Math.Round(withListener.Ours.AllocatedBytes))}/call",
                $"Task.Run {Format.Duration(viaTaskRun.Baseline.WallNanoseconds)} (CPU {Format.Duration(viaTaskRun.Baseline.CpuNanoseconds)}), {Format.Bytes((long)Math.Round(viaTaskRun.Baseline.AllocatedBytes))}/call; direct call {Format.Duration(viaDirect.Baseline.WallNanoseconds)}",
                $"vs Task.Run {viaTaskRun.Describe()}; with listener {withListener.Describe()}; vs direct call {Format.Ratio(viaDirect.MedianRatio)} (no target)",
                "≤ 1.0× Task.Run (with and without a listener), ≤ 64 B/call",
                [
                    new TargetCheck("time ratio", viaTaskRun.MedianRatio, 1.0, AtMost: true),
                    new TargetCheck("time ratio with a listener", withListener.MedianRatio, 1.0, AtMost: true),
                    new TargetCheck("bytes per call", bytes, 64, AtMost: true),
                ],
                [.. viaTaskRun.Measurements, viaDirect.Measurements[1], withListener.Measurements[0]],
                facts);
        }
        finally
        {
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
            listened.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async ValueTask RunTasks(ProcessRuntime runtime, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += (await runtime.RunAsync(new SquareTask { X = 7 }).ConfigureAwait(false)).Result;
        }

        _sink = sum;
    }

    private static async ValueTask TaskRunBodies(int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += await Task.Run(static () => SquareTask.Square(7)).ConfigureAwait(false);
        }

        _sink = sum;
    }

    private static ValueTask DirectCalls(int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += SquareTask.Square(new SquareTask { X = i }.X);
        }

        _sink = sum;
        return default;
    }

    public static CaseResult ProcessSteps()
    {
        Console.WriteLine("process-steps");
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        using var writer = new ProcessWriter(4096);
        var memoryPackBuffer = new ArrayBufferWriter<byte>(4096);
        var snapshot = new ThreeStepState();
        try
        {
            var versusMemoryPack = Interleaved.Measure("RunAsync(ThreeStepProcess)", count => RunProcesses(runtime, count), "steps + MemoryPack", count => StepsWithMemoryPack(memoryPackBuffer, snapshot, count));
            var versusSections = Interleaved.Measure("RunAsync(ThreeStepProcess)", count => RunProcesses(runtime, count), "steps + generated sections", count => StepsWithSections(writer, count));
            var bytes = versusMemoryPack.Ours.AllocatedBytes;
            var facts = versusMemoryPack.Facts();
            foreach (var (name, fact) in versusSections.Facts("sections.")) facts[name] = fact;
            return new CaseResult(
                "process-steps",
                $"{Format.Duration(versusMemoryPack.Ours.WallNanoseconds)} (CPU {Format.Duration(versusMemoryPack.Ours.CpuNanoseconds)}), {Format.Bytes((long)Math.Round(bytes))}/run",
                $"steps + MemoryPack of the state after each: {Format.Duration(versusMemoryPack.Baseline.WallNanoseconds)}, {Format.Bytes((long)Math.Round(versusMemoryPack.Baseline.AllocatedBytes))}/run; steps + generated sections: {Format.Duration(versusSections.Baseline.WallNanoseconds)}",
                $"vs MemoryPack baseline {versusMemoryPack.Describe()}; vs sections {versusSections.Describe()}",
                "≤ 4.0× steps + MemoryPack, ≤ 1 KB/run",
                [new TargetCheck("time ratio", versusMemoryPack.MedianRatio, 4.0, AtMost: true), new TargetCheck("bytes per run", bytes, 1024, AtMost: true)],
                [.. versusMemoryPack.Measurements, versusSections.Measurements[1]],
                facts);
        }
        finally
        {
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary><c>--steps-loop SECONDS</c>: process-steps' "ours" alone for a while, for a profiler.</summary>
    public static int StepsLoop(double seconds)
    {
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long runs = 0;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            RunProcesses(runtime, 100).AsTask().GetAwaiter().GetResult();
            runs += 100;
        }

        Console.WriteLine($"{runs} runs in {clock.Elapsed.TotalSeconds:0.0} s, {Format.Duration(clock.Elapsed.TotalNanoseconds / runs)} and {(GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / runs} B per run");
        runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static async ValueTask RunProcesses(ProcessRuntime runtime, int count)
    {
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += (await runtime.RunAsync(new ThreeStepProcess { Seed = 3 }).ConfigureAwait(false)).Total;
        }

        _sink = (int)sum;
    }

    private static ValueTask StepsWithMemoryPack(ArrayBufferWriter<byte> buffer, ThreeStepState snapshot, int count)
    {
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            var process = new ThreeStepProcess { Seed = 3 };
            process.Start();
            Checkpoint(process);
            process.Grow();
            Checkpoint(process);
            process.Finish();
            Checkpoint(process);
            sum += process.Total + buffer.WrittenCount;
        }

        _sink = (int)sum;
        return default;

        void Checkpoint(ThreeStepProcess process)
        {
            buffer.ResetWrittenCount();
            process.CopyTo(snapshot);
            MemoryPackSerializer.Serialize(buffer, snapshot);
        }
    }

    private static ValueTask StepsWithSections(ProcessWriter writer, int count)
    {
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            var process = new ThreeStepProcess { Seed = 3 };
            process.Start();
            Checkpoint(process);
            process.Grow();
            Checkpoint(process);
            process.Finish();
            Checkpoint(process);
            sum += process.Total + writer.Length;
        }

        _sink = (int)sum;
        return default;

        void Checkpoint(ThreeStepProcess process)
        {
            writer.Reset();
            CheckpointSections.Write(process, writer);
        }
    }
}
