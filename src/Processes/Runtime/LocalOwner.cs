using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Processes.Runtime;

/// <summary>
/// Default lease owner ids, <c>machine/pid/start/random</c>, and the one check they allow: whether
/// an owner on this machine is an OS process that no longer runs. That lets a program restarted
/// after a crash take its processes back at once instead of waiting for their leases to expire,
/// while a live second program is still refused.
/// </summary>
internal static class LocalOwner
{
    private static readonly Lazy<long> CurrentStart = new(() => StartTicks(Process.GetCurrentProcess()) ?? 0);

    /// <summary>A new owner id for a runtime in this OS process.</summary>
    public static string NewOwnerId() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{CurrentStart.Value}/{Guid.NewGuid().ToString("N").Substring(0, 8)}");

    /// <summary>
    /// True only when <paramref name="owner"/> is a default id of this machine whose OS process has
    /// exited (or whose pid now belongs to a process started at another time). Anything unknown
    /// (another machine, a custom id, no permission to look) counts as alive.
    /// </summary>
    public static bool IsDeadOnThisMachine(string owner)
    {
        var parts = owner.Split('/');
        if (parts.Length != 4
            || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            // This very OS process: dead only if the id came from an earlier process with our pid.
            return startTicks != CurrentStart.Value;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (IsZombie(pid))
            {
                return true;
            }

            return StartTicks(process) is { } actual && Math.Abs(actual - startTicks) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (InvalidOperationException)
        {
            return true; // it exited while we looked
        }
    }

    private static long? StartTicks(Process process)
    {
        try
        {
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    // A killed child that its parent has not reaped yet still has a pid; on Linux its state says so.
    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is 'Z' or 'X';
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
