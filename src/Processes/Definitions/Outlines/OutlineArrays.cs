using System;

namespace Processes;

/// <summary>
/// The instruction arrays of outlines. A run that ends on the thread it started on (every
/// synchronous process) leaves its array for the next run there, so back-to-back runs allocate
/// none; processes alive at once each hold an array of their outline's size, not a pool bucket's.
/// </summary>
internal static class OutlineArrays
{
    [ThreadStatic]
    private static OutlineInstruction[]? t_spare;

    public static OutlineInstruction[] Rent(int sizeHint)
    {
        var spare = t_spare;
        if (spare is not null && spare.Length >= sizeHint)
        {
            t_spare = null;
            return spare;
        }

        return new OutlineInstruction[Math.Max(1, sizeHint)];
    }

    /// <summary>Keeps <paramref name="array"/> (its first <paramref name="count"/> used) as this thread's spare, cleared: its delegates hold the process.</summary>
    public static void Return(OutlineInstruction[] array, int count)
    {
        if (array.Length == 0)
        {
            return;
        }

        array.AsSpan(0, count).Clear();
        if (t_spare is not { } spare || spare.Length < array.Length)
        {
            t_spare = array;
        }
    }
}
