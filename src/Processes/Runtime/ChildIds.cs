using System;
using System.Buffers.Binary;

namespace Processes.Runtime;

/// <summary>
/// A child's id, derived from where it was launched: its parent, how many steps the parent had
/// completed (the loop turn), the key, and how many launches under that key came before it in the
/// same step. A step that reruns after a crash launches the same ids again, so it finds the
/// children it launched before instead of starting new ones.
/// </summary>
internal static class ChildIds
{
    // FNV-1a, 128-bit (offset basis and prime from the FNV specification). Not cryptographic: the
    // inputs are our own, and it needs no OpenSSL (which a first hash call would load).
    private static readonly UInt128 OffsetBasis = new(0x6C62272E07BB0142, 0x62B821756295C58D);
    private static readonly UInt128 Prime = new(0x0000000001000000, 0x000000000000013B);

    public static ProcessId Derive(ProcessId parent, int stepSequence, string key, int occurrence)
    {
        var hash = OffsetBasis;
        Span<byte> head = stackalloc byte[24];
        parent.Value.TryWriteBytes(head);
        BinaryPrimitives.WriteInt32LittleEndian(head.Slice(16), stepSequence);
        BinaryPrimitives.WriteInt32LittleEndian(head.Slice(20), occurrence);
        foreach (var value in head)
        {
            hash = (hash ^ value) * Prime;
        }

        foreach (var character in key)
        {
            hash = (hash ^ (byte)character) * Prime;
            hash = (hash ^ (byte)(character >> 8)) * Prime;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(hash >> 64));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(8), (ulong)hash);

        // RFC 9562 version 8 (custom) and the RFC variant, so the id is a well-formed GUID.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new ProcessId(new Guid(bytes));
    }
}
