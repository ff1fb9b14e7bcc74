using System;
using System.Buffers.Binary;
using System.Threading;

namespace Processes.Runtime;

/// <summary>
/// Makes version-4-shaped GUIDs without a system call per id: 122 random bits drawn once per OS
/// process, with a counter mixed into the low 62 of them. Ids never repeat within a process (the
/// mix is a bijection of the counter) and collide across processes only as random GUIDs do.
/// <see cref="Guid.NewGuid"/> reads the kernel's random source on every call, which cost as
/// much as a whole small process step.
/// </summary>
internal static class ProcessIdGenerator
{
    private const ulong Low62Bits = (1UL << 62) - 1;

    // An odd multiplier: multiplying by it permutes the integers modulo 2^62, and it spreads
    // consecutive counters over all the bits.
    private const ulong Spread = 0x9E3779B97F4A7C15UL;

    private static readonly ulong High = CreateHigh();
    private static readonly ulong LowSeed = RandomBits() & Low62Bits;
    private static long _counter;

    public static Guid Next()
    {
        var count = (ulong)Interlocked.Increment(ref _counter);
        var low = (LowSeed ^ (count * Spread)) & Low62Bits | (1UL << 63); // RFC 4122 variant: bits 10
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
        return new Guid(bytes, bigEndian: true);
    }

    private static ulong CreateHigh() => (RandomBits() & ~0xF000UL) | 0x4000UL; // version 4 in the top nibble of the third group

    // Guid.NewGuid's random source lives in the core library; RandomNumberGenerator would load the
    // platform's crypto library (OpenSSL on Linux), several milliseconds at a program's start.
    // Of a version-4 GUID's bytes (little-endian layout), 6 and 7 hold the version and 8 the
    // variant; the 8 bytes taken here (0-5 and 10-11) are all random.
    private static ulong RandomBits()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes);
        bytes.Slice(10, 2).CopyTo(bytes.Slice(6, 2)); // random bytes over the version ones
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
