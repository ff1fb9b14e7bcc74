using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Serialization;

namespace Processes.Checkpoints;

/// <summary>
/// Keeps each process's checkpoint in its own file, <c>&lt;id&gt;.ckpt</c>, in one directory (the
/// embedded default store). A file carries a versioned header with the <see cref="CheckpointInfo"/>,
/// the data and CRC-32 checksums (see docs/concepts/checkpoint-stores.md).
/// </summary>
/// <remarks>
/// <para>Saves are atomic: the file is written under a temporary name in the same directory,
/// flushed to disk and then renamed over the old one, so a reader sees the old version or the new
/// one, never a mix, and a crash leaves at worst a stray <c>*.tmp</c> file that listing ignores and
/// the next save of that id deletes.</para>
/// <para>A damaged file raises <see cref="CheckpointCorruptedException"/> from
/// <see cref="LoadAsync"/>; <see cref="ListAsync"/> skips it and <see cref="ScanAsync"/> reports
/// it. Neither ever modifies or deletes it; only an explicit save or delete of that id does.</para>
/// <para>Thread-safe. Saves of one id are serialized within an instance; let one instance own a
/// directory (another process saving the same id at the same moment could delete this one's
/// temporary file, which fails that save without damaging the stored checkpoint).</para>
/// </remarks>
public sealed class FileCheckpointStore : ICheckpointStore
{
    /// <summary>The extension of checkpoint files.</summary>
    public const string FileExtension = ".ckpt";

    private const string TemporaryExtension = ".tmp";

    // Striped rather than per-id locks: bounded memory however many ids pass through.
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Creates a store over <paramref name="directory"/>, creating the directory if needed.</summary>
    public FileCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        DirectoryPath = Path.GetFullPath(directory);
        Directory.CreateDirectory(DirectoryPath);
    }

    /// <summary>The full path of the directory that holds the checkpoint files.</summary>
    public string DirectoryPath { get; }

    /// <summary>
    /// Called with the temporary file's path after it is written and flushed, before it is renamed
    /// into place; tests throw from it to simulate a crash at the one moment that matters.
    /// </summary>
    internal Action<string>? AfterTemporaryFileWritten { get; set; }

    /// <summary>The path of the file that holds (or would hold) the checkpoint of <paramref name="id"/>.</summary>
    public string GetFilePath(ProcessId id) => Path.Combine(DirectoryPath, id.ToString() + FileExtension);

    /// <inheritdoc />
    public async ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointValidation.Validate(checkpoint.Info);
        cancellationToken.ThrowIfCancellationRequested();

        // Encoding copies the data, so the caller's buffer is free once this returns.
        using var writer = new ProcessWriter(checkpoint.Data.Length + 256);
        CheckpointFileFormat.Write(writer, checkpoint);

        var id = checkpoint.Info.Id;
        var gate = GateFor(id);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(DirectoryPath);
            DeleteTemporaryFiles(id);
            var temporaryPath = Path.Combine(DirectoryPath, $"{id}.{Guid.NewGuid():N}{TemporaryExtension}");
            try
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    Options = FileOptions.Asynchronous,
                    PreallocationSize = writer.Length,
                };
                var stream = new FileStream(temporaryPath, options);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);

                    // The bytes must be on disk before the rename publishes them; otherwise a power
                    // loss could leave the new name pointing at an empty or partial file.
                    stream.Flush(flushToDisk: true);
                }

                AfterTemporaryFileWritten?.Invoke(temporaryPath);
                File.Move(temporaryPath, GetFilePath(id), overwrite: true);
            }
            catch
            {
                TryDelete(temporaryPath);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="CheckpointCorruptedException">The file exists but is damaged; it is left as it is.</exception>
    public async ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        var path = GetFilePath(id);
        var file = await ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return file is null ? null : CheckpointFileFormat.ReadFile(path, file, id);
    }

    /// <inheritdoc />
    /// <remarks>Reads only file headers. Damaged files are skipped; use <see cref="ScanAsync"/> to see them.</remarks>
    public async ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(CheckpointQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= CheckpointQuery.All;
        var matching = (await ScanAsync(query.Tag, cancellationToken).ConfigureAwait(false)).Checkpoints.Where(query.Matches);
        return (query.Limit is { } limit ? matching.Take(limit) : matching).ToArray();
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, string owner, TimeSpan duration, ProcessLease? takeOverFrom = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("being rewritten");

    /// <inheritdoc />
    public ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("being rewritten");

    /// <inheritdoc />
    public ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("being rewritten");

    /// <inheritdoc />
    public ValueTask<ProcessLease?> GetLeaseAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("being rewritten");

    /// <summary>
    /// Lists the readable checkpoints (all, or those carrying <paramref name="tag"/>) and reports
    /// every damaged checkpoint file apart. Reads only headers (their own checksum protects them);
    /// damage confined to the data is found by <see cref="LoadAsync"/>. Temporary files and files
    /// whose names are not <c>&lt;id&gt;.ckpt</c> are ignored.
    /// </summary>
    public async ValueTask<CheckpointScanResult> ScanAsync(string? tag = null, CancellationToken cancellationToken = default)
    {
        var checkpoints = new List<CheckpointInfo>();
        var corrupted = new List<CheckpointCorruptedException>();
        foreach (var (path, id) in EnumerateCheckpointFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var info = await ReadInfoAsync(path, id, cancellationToken).ConfigureAwait(false);
                if (info is not null && (tag is null || info.HasTag(tag)))
                {
                    checkpoints.Add(info);
                }
            }
            catch (CheckpointCorruptedException exception)
            {
                corrupted.Add(exception);
            }
        }

        var ordered = checkpoints.OrderBy(info => info.SavedAt).ThenBy(info => info.Id.Value).ToArray();
        return new CheckpointScanResult(ordered, corrupted.OrderBy(error => error.Location, StringComparer.Ordinal).ToArray());
    }

    /// <inheritdoc />
    /// <remarks>Deletes the file whether or not it is damaged, and any temporary files a crashed save of this id left.</remarks>
    public async ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        var gate = GateFor(id);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DeleteTemporaryFiles(id);
            var path = GetFilePath(id);
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Damaged files are never deleted here: their tags cannot be trusted.</remarks>
    public async ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var deleted = 0;
        foreach (var info in await ListAsync(CheckpointQuery.ForTag(tag), cancellationToken).ConfigureAwait(false))
        {
            var gate = GateFor(info.Id);
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Read again under the lock: a save since the listing may have dropped the tag.
                var path = GetFilePath(info.Id);
                var current = await ReadInfoAsync(path, info.Id, cancellationToken).ConfigureAwait(false);
                if (current is not null && current.HasTag(tag))
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            catch (CheckpointCorruptedException)
            {
                // Damaged between the listing and now: leave it for the user to inspect.
            }
            finally
            {
                gate.Release();
            }
        }

        return deleted;
    }

    private SemaphoreSlim GateFor(ProcessId id) => _gates[(id.Value.GetHashCode() & int.MaxValue) % _gates.Length];

    private IEnumerable<(string Path, ProcessId Id)> EnumerateCheckpointFiles()
    {
        if (!Directory.Exists(DirectoryPath))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(DirectoryPath, "*" + FileExtension))
        {
            // Only canonical names: the pattern also matches longer extensions on some platforms,
            // and a file under another spelling of an id would never be loaded or replaced.
            var name = Path.GetFileName(path);
            if (name.EndsWith(FileExtension, StringComparison.Ordinal)
                && ProcessId.TryParse(name.AsSpan(0, name.Length - FileExtension.Length), null, out var id)
                && string.Equals(name, id.ToString() + FileExtension, StringComparison.Ordinal))
            {
                yield return (path, id);
            }
        }
    }

    private void DeleteTemporaryFiles(ProcessId id)
    {
        foreach (var path in Directory.EnumerateFiles(DirectoryPath, $"{id}.*{TemporaryExtension}"))
        {
            TryDelete(path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next save of this id to remove; it is never read as a checkpoint.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static FileStream OpenForReading(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,

        // Readers must not block a concurrent save from renaming a new version over this file.
        Share = FileShare.ReadWrite | FileShare.Delete,
        Options = FileOptions.Asynchronous,
        BufferSize = 0,
    });

    private static async ValueTask<byte[]?> ReadAllBytesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var stream = OpenForReading(path);
            await using (stream.ConfigureAwait(false))
            {
                var length = stream.Length;
                if (length > Array.MaxLength)
                {
                    throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.InvalidContent, $"the file has {length} bytes, more than a checkpoint can hold.");
                }

                var file = new byte[length];
                await stream.ReadExactlyAsync(file, cancellationToken).ConfigureAwait(false);
                return file;
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (EndOfStreamException exception)
        {
            throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.Truncated, "the file shrank while it was read.", exception);
        }
    }

    private static async ValueTask<CheckpointInfo?> ReadInfoAsync(string path, ProcessId id, CancellationToken cancellationToken)
    {
        try
        {
            var stream = OpenForReading(path);
            await using (stream.ConfigureAwait(false))
            {
                var length = stream.Length;
                var prefix = new byte[CheckpointFileFormat.PrefixSize];
                var read = await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);

                // The prefix check bounds the header size by the file length before allocating.
                var headerSize = CheckpointFileFormat.ReadPrefix(path, prefix.AsSpan(0, read), length);
                var head = new byte[CheckpointFileFormat.PrefixSize + headerSize + CheckpointFileFormat.MiddleSize];
                prefix.CopyTo(head, 0);
                await stream.ReadExactlyAsync(head.AsMemory(prefix.Length), cancellationToken).ConfigureAwait(false);
                return CheckpointFileFormat.ReadHeader(path, head, length, id, out _);
            }
        }
        catch (FileNotFoundException)
        {
            // Deleted since the directory was listed.
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (EndOfStreamException exception)
        {
            throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.Truncated, "the file shrank while it was read.", exception);
        }
    }
}
