using System;

namespace Processes.Checkpoints;

/// <summary>
/// CRC-32 as used by zip, gzip and PNG (IEEE 802.3, reflected, polynomial <c>0xEDB88320</c>,
/// initial value and final XOR <c>0xFFFFFFFF</c>). Written here because System.IO.Hashing is not
/// a dependency of the runtime; it guards checkpoint files against torn writes and bit rot.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    private static readonly uint[] Table = CreateTable();

    /// <summary>Returns the CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC-32: <c>Append(Compute(a), b) == Compute(a + b)</c>, so data that arrives in
    /// pieces needs no concatenation.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        var state = ~crc;
        foreach (var value in data)
        {
            state = table[(byte)(state ^ value)] ^ (state >> 8);
        }

        return ~state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint index = 0; index < table.Length; index++)
        {
            var entry = index;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            }

            table[index] = entry;
        }

        return table;
    }
}
