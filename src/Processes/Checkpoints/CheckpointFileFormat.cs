using System;
using System.Buffers.Binary;
using Processes.Serialization;

namespace Processes.Checkpoints;

/// <summary>
/// The layout of one checkpoint file (version 1), all integers little-endian:
/// <code>
/// magic       4 bytes   "PCKP" (50 43 4B 50)
/// version     uint16    1
/// headerSize  int32     n
/// header      n bytes   the CheckpointInfo fields (see WriteInfo)
/// headerCrc   uint32    CRC-32 of every byte before it
/// dataSize    int32     m
/// data        m bytes   the runtime's checkpoint bytes
/// fileCrc     uint32    CRC-32 of every byte before it
/// </code>
/// The header has its own checksum so listing can trust it without reading the data; the file
/// checksum covers everything, so loading detects any damage. A file is exactly n + m + 22 bytes.
/// </summary>
internal static class CheckpointFileFormat
{
    /// <summary>The current (and only) format version.</summary>
    public const ushort Version = 1;

    /// <summary>Magic, version and header size.</summary>
    public const int PrefixSize = 10;

    /// <summary>Header checksum and data size, between the header and the data.</summary>
    public const int MiddleSize = 8;

    /// <summary>Every byte of a file other than the header and the data.</summary>
    public const int OverheadSize = PrefixSize + MiddleSize + 4;

    private static ReadOnlySpan<byte> Magic => "PCKP"u8;

    /// <summary>Writes the whole file for <paramref name="checkpoint"/> into <paramref name="writer"/>.</summary>
    public static void Write(ProcessWriter writer, Checkpoint checkpoint)
    {
        writer.WriteRaw(Magic);
        writer.WriteUInt16(Version);
        var mark = writer.BeginLengthPrefixed();
        WriteInfo(writer, checkpoint.Info);
        writer.EndLengthPrefixed(mark);
        writer.WriteUInt32(Crc32.Compute(writer.WrittenSpan));
        writer.WriteInt32(checkpoint.Data.Length);
        writer.WriteRaw(checkpoint.Data.Span);
        writer.WriteUInt32(Crc32.Compute(writer.WrittenSpan));
    }

    /// <summary>
    /// Checks the fixed prefix of a file of <paramref name="fileLength"/> bytes and returns the
    /// header size, which is known to fit in the file.
    /// </summary>
    public static int ReadPrefix(string path, ReadOnlySpan<byte> prefix, long fileLength)
    {
        // A file shorter than the magic is judged on the bytes it has: "PC" is a torn checkpoint, "{}" is not one.
        var magicLength = Math.Min(prefix.Length, Magic.Length);
        if (!prefix.Slice(0, magicLength).SequenceEqual(Magic.Slice(0, magicLength)))
        {
            throw Corrupted(path, CheckpointCorruptionKind.BadMagic, "the file does not start with the checkpoint magic bytes \"PCKP\".");
        }

        if (prefix.Length < PrefixSize || fileLength < OverheadSize)
        {
            throw Corrupted(path, CheckpointCorruptionKind.Truncated, $"the file has {fileLength} byte(s), fewer than the {OverheadSize} of an empty checkpoint.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(prefix.Slice(4));
        if (version != Version)
        {
            throw Corrupted(path, CheckpointCorruptionKind.UnsupportedVersion, $"format version {version} is not supported (this SDK reads version {Version}).");
        }

        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(prefix.Slice(6));
        if (headerSize < 0 || headerSize > fileLength - OverheadSize)
        {
            throw Corrupted(path, CheckpointCorruptionKind.Truncated, $"the header claims {headerSize} byte(s) but the file has {fileLength}.");
        }

        return headerSize;
    }

    /// <summary>
    /// Checks and decodes the prefix, header, header checksum and data size (the first
    /// <c>PrefixSize + headerSize + MiddleSize</c> bytes of the file) and returns the description and data size.
    /// </summary>
    public static CheckpointInfo ReadHeader(string path, ReadOnlySpan<byte> head, long fileLength, ProcessId expectedId, out int dataSize)
    {
        var headerSize = ReadPrefix(path, head, fileLength);
        var headerEnd = PrefixSize + headerSize;
        var storedHeaderCrc = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(headerEnd));
        dataSize = BinaryPrimitives.ReadInt32LittleEndian(head.Slice(headerEnd + 4));
        if (dataSize < 0 || fileLength != (long)OverheadSize + headerSize + dataSize)
        {
            throw Corrupted(path, CheckpointCorruptionKind.Truncated, $"the header and data sizes ({headerSize} + {dataSize}) do not match the file length {fileLength}.");
        }

        var actualHeaderCrc = Crc32.Compute(head.Slice(0, headerEnd));
        if (storedHeaderCrc != actualHeaderCrc)
        {
            throw Corrupted(path, CheckpointCorruptionKind.ChecksumMismatch, $"the header checksum is 0x{storedHeaderCrc:x8} but the header hashes to 0x{actualHeaderCrc:x8}.");
        }

        CheckpointInfo info;
        try
        {
            var reader = new ProcessReader(head.Slice(PrefixSize, headerSize));
            info = ReadInfo(ref reader);
            reader.EnsureAtEnd();
        }
        catch (ProcessSerializationException exception)
        {
            throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.InvalidContent, $"the header is malformed: {exception.Message}", exception);
        }

        if (info.Id != expectedId)
        {
            throw Corrupted(path, CheckpointCorruptionKind.InvalidContent, $"the header names process {info.Id}, not {expectedId} as the file name does.");
        }

        return info;
    }

    /// <summary>Checks and decodes a whole file.</summary>
    public static Checkpoint ReadFile(string path, byte[] file, ProcessId expectedId)
    {
        var headerSize = ReadPrefix(path, file, file.Length);
        var head = file.AsSpan(0, PrefixSize + headerSize + MiddleSize);

        // Sizes first, so a torn file reports as truncated rather than as a checksum mismatch.
        var dataSize = BinaryPrimitives.ReadInt32LittleEndian(head.Slice(PrefixSize + headerSize + 4));
        if (dataSize < 0 || file.Length != (long)OverheadSize + headerSize + dataSize)
        {
            throw Corrupted(path, CheckpointCorruptionKind.Truncated, $"the header and data sizes ({headerSize} + {dataSize}) do not match the file length {file.Length}.");
        }

        var body = file.AsSpan(0, file.Length - 4);
        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4));
        var actualCrc = Crc32.Compute(body);
        if (storedCrc != actualCrc)
        {
            throw Corrupted(path, CheckpointCorruptionKind.ChecksumMismatch, $"the file checksum is 0x{storedCrc:x8} but the file hashes to 0x{actualCrc:x8}.");
        }

        var info = ReadHeader(path, head, file.Length, expectedId, out _);
        return new Checkpoint(info, file.AsMemory(head.Length, dataSize));
    }

    private static void WriteInfo(ProcessWriter writer, CheckpointInfo info)
    {
        writer.WriteGuid(info.Id.Value);
        writer.WriteString(info.ProcessName);
        writer.WriteByte((byte)info.State);
        writer.WriteBoolean(info.Paused);
        writer.WriteCollectionHeader(info.Tags.Count);
        foreach (var tag in info.Tags)
        {
            writer.WriteString(tag);
        }

        writer.WriteCompactDateTimeOffset(info.SavedAt);
        writer.WriteBoolean(info.ParentId.HasValue);
        if (info.ParentId is { } parent)
        {
            writer.WriteGuid(parent.Value);
        }
    }

    private static CheckpointInfo ReadInfo(ref ProcessReader reader)
    {
        var id = new ProcessId(reader.ReadGuid());
        var nameOffset = reader.Offset;
        var name = reader.ReadString() ?? throw new ProcessSerializationException("The process name is null.", nameOffset);
        var stateOffset = reader.Offset;
        var state = (ProcessState)reader.ReadByte();
        if (!Enum.IsDefined(state))
        {
            throw new ProcessSerializationException($"Unknown process state {(byte)state}.", stateOffset);
        }

        var paused = reader.ReadBoolean();

        // A tag takes at least its 4-byte length, which bounds the count before allocating.
        if (!reader.TryReadCollectionHeader(out var tagCount, minimumElementSize: 4))
        {
            throw new ProcessSerializationException("The tag list is null.", reader.Offset - 4);
        }

        var tags = new string[tagCount];
        for (var index = 0; index < tags.Length; index++)
        {
            var tagOffset = reader.Offset;
            tags[index] = reader.ReadString() ?? throw new ProcessSerializationException("A tag is null.", tagOffset);
        }

        var savedAt = reader.ReadCompactDateTimeOffset();
        ProcessId? parentId = reader.ReadBoolean() ? new ProcessId(reader.ReadGuid()) : null;
        return new CheckpointInfo(id, name, state, paused, tags, savedAt, parentId);
    }

    private static CheckpointCorruptedException Corrupted(string path, CheckpointCorruptionKind kind, string reason) =>
        new(path, kind, reason);
}
