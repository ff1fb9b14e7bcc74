using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Processes.Benchmarks.Quick;

/// <summary>Where the numbers were taken: printed above the table and stored in the JSON.</summary>
internal sealed record MachineDescription(string Os, string Runtime, string Architecture, int LogicalCores, string Cpu)
{
    public static MachineDescription Current() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        CpuModel());

    public override string ToString() => $"{LogicalCores} logical cores ({Cpu}), {Os}, {Runtime} {Architecture}";

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(entry => entry.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
