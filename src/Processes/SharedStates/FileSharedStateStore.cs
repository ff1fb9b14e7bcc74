using System;
using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Processes.Serialization;

namespace Processes.Checkpoints;

/// <summary>
/// Keeps shared states in a directory, one file per state (a hash of its name and key), each
/// save written to a temporary file, flushed to disk and renamed over the previous one, so a
/// crash leaves either the old or the new version, never a torn one. A CRC-32 guards every file.
/// Several runtimes (and OS processes) may share a directory: each state is owned by one of them
/// at a time, by a lease with a fencing token kept in the directory's <c>leases</c> folder with the
/// lease files, lock files and rules of <see cref="FileCheckpointStore"/>
/// (<see cref="AcquireOwnershipAsync"/>); a save whose token is not the current lease is refused.
/// </summary>
public sealed class FileSharedStateStore : ISharedStateStore
{
    private static ReadOnlySpan<byte> Magic => "PRSS"u8;

    private const byte FormatVersion = 1;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    // The leases of the states, one per state under an id derived from its name and key: the
    // checkpoint store's lease files, lock files and rules, not a copy of them.
    private readonly FileCheckpointStore _leases;

    /// <summary>Creates a store over <paramref name="directory"/> (created when missing).</summary>
    public FileSharedStateStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _leases = new FileCheckpointStore(System.IO.Path.Combine(Directory, "ownership"));
    }

    /// <inheritdoc />
    public async ValueTask<SharedStateLease?> AcquireOwnershipAsync(string stateName, string key, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        try
        {
            var lease = await _leases.AcquireLeaseAsync(LeaseIdOf(stateName, key), owner, duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SharedStateLease(stateName, key, lease.Owner, lease.FencingToken, lease.ExpiresAt);
        }
        catch (ProcessOwnedException owned)
        {
            throw new SharedStateOwnedException(stateName, key, owned.Owner, owned.ExpiresAt);
        }
    }

    /// <summary>The directory the state files live in.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    /// <exception cref="CheckpointCorruptedException">The file exists but is damaged; it is left as it is.</exception>
    public async ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(stateName, key);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        return Decode(path, bytes, stateName, key);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = PathOf(record.StateName, record.Key);
        var gate = _locks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (record.FencingToken is { } token
                && await _leases.GetLeaseAsync(LeaseIdOf(record.StateName, record.Key), cancellationToken).ConfigureAwait(false) is var lease
                && lease?.FencingToken != token)
            {
                // Another runtime took the state over: this saver's copy may be stale.
                throw new SharedStateOwnedException(record.StateName, record.Key, lease?.Owner, lease?.ExpiresAt);
            }

            var stored = await LoadAsync(record.StateName, record.Key, cancellationToken).ConfigureAwait(false);
            var storedVersion = stored?.Version ?? 0;
            if (storedVersion != record.Version - 1)
            {
                throw new SharedStateConflictException(record.StateName, record.Key, record.Version - 1, storedVersion);
            }

            var temporary = path + ".tmp";
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None);
            await using (stream.ConfigureAwait(false))
            {
                var encoded = Encode(record);
                await stream.WriteAsync(encoded, cancellationToken).ConfigureAwait(false);

                // On disk before the rename publishes it: an acknowledged update survives a crash or power loss.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseOwnershipAsync(SharedStateLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _leases.ReleaseLeaseAsync(new ProcessLease(LeaseIdOf(lease.StateName, lease.Key), lease.Owner, lease.FencingToken, lease.ExpiresAt), cancellationToken);
    }

    private static ProcessId LeaseIdOf(string stateName, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(stateName + "\n" + key));
        return new ProcessId(new Guid(hash.AsSpan(0, 16)));
    }

    private string PathOf(string stateName, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(stateName + "\n" + key));
        return System.IO.Path.Combine(Directory, Convert.ToHexString(hash, 0, 20).ToLowerInvariant() + ".state");
    }

    private static byte[] Encode(SharedStateRecord record)
    {
        using var writer = new ProcessWriter(record.Data.Length + 128);
        writer.WriteRaw(Magic);
        writer.WriteByte(FormatVersion);
        writer.WriteString(record.StateName);
        writer.WriteString(record.Key);
        writer.WriteInt64(record.Version);
        writer.WriteString(record.Writer);
        writer.WriteDateTimeOffset(record.UpdatedAt);
        writer.WriteInt32(record.Data.Length);
        writer.WriteRaw(record.Data.Span);
        writer.WriteUInt32(Crc32.Compute(writer.WrittenSpan));
        return writer.ToArray();
    }

    private static SharedStateRecord Decode(string path, byte[] bytes, string stateName, string key)
    {
        if (bytes.Length < Magic.Length + 1 + 4 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.BadMagic, "not a shared state file");
        }

        var body = bytes.AsSpan(0, bytes.Length - 4);
        var crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        if (Crc32.Compute(body) != crc)
        {
            throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.ChecksumMismatch, "the checksum does not match");
        }

        try
        {
            var reader = new ProcessReader(body);
            reader.Skip(Magic.Length);
            var format = reader.ReadByte();
            if (format != FormatVersion)
            {
                throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.UnsupportedVersion, $"format {format} is not known");
            }

            var storedName = reader.ReadString();
            var storedKey = reader.ReadString();
            if (storedName != stateName || storedKey != key)
            {
                throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.InvalidContent, $"it holds '{storedName}' key '{storedKey}'");
            }

            var version = reader.ReadInt64();
            var writer = reader.ReadString();
            var updatedAt = reader.ReadDateTimeOffset();
            var length = reader.ReadInt32();
            var data = reader.ReadRaw(length).ToArray();
            reader.EnsureAtEnd();
            return new SharedStateRecord(stateName, key, version, data, writer, updatedAt);
        }
        catch (ProcessSerializationException exception)
        {
            throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.InvalidContent, exception.Message, exception);
        }
    }
}
