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
/// embedded default store), with small index, lease and lock files beside it. A checkpoint file
/// carries a versioned header with the <see cref="CheckpointInfo"/>, the data and CRC-32 checksums
/// (see docs/concepts/checkpoint-stores.md).
/// </summary>
/// <remarks>
/// <para>Saves are atomic: the file is written as <c>&lt;id&gt;.ckpt.tmp</c>, flushed to disk and
/// renamed over the old one, so a reader sees the old version or the new one, never a mix. A
/// crash leaves at worst that temporary file, which loading and listing ignore and the next save
/// or delete of the id replaces or removes (as does <see cref="ScanAsync"/>). A save never lists
/// the directory: it costs the same next to ten checkpoints or a million.</para>
/// <para>Queries by parent, tag, type or state read only the checkpoints that an index of empty
/// marker files names (<c>index/…/&lt;id&gt;</c>); every marker is checked against the checkpoint's
/// header, so a marker left by a crash is ignored and removed. Other queries read every header.</para>
/// <para>Several store instances and several OS processes may share one directory: every save,
/// delete and lease change of an id runs under the id's lock, an in-process gate plus a lock
/// file <c>locks/&lt;stripe&gt;.lock</c> opened exclusively (<c>flock</c> on Unix), so leases and
/// fenced saves are atomic across them. Setting <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> turns
/// .NET's file locking off and with it this protection.</para>
/// <para>A damaged file raises <see cref="CheckpointCorruptedException"/> from
/// <see cref="LoadAsync"/>; <see cref="ListAsync"/> skips it and <see cref="ScanAsync"/> reports
/// it. Neither ever modifies or deletes it; only an explicit save or delete of that id does.</para>
/// </remarks>
public sealed partial class FileCheckpointStore : ICheckpointStore
{
    /// <summary>The extension of checkpoint files.</summary>
    public const string FileExtension = ".ckpt";

    private const string TemporarySuffix = ".tmp";

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lockTimeout;
    private long _directoryListings;
    private long _headerReads;

    /// <summary>Creates a store over <paramref name="directory"/>, creating the directory if needed.</summary>
    /// <param name="directory">The directory that holds the checkpoints; other stores (also in other OS processes) may use it at the same time.</param>
    /// <param name="options">Clock and lock timeout; defaults when null.</param>
    public FileCheckpointStore(string directory, FileCheckpointStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new FileCheckpointStoreOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LockTimeout, TimeSpan.Zero, nameof(options));
        _timeProvider = options.TimeProvider;
        _lockTimeout = options.LockTimeout;
        DirectoryPath = Path.GetFullPath(directory);
        IndexPath = Path.Combine(DirectoryPath, "index");
        LeasesPath = Path.Combine(DirectoryPath, "leases");
        LocksPath = Path.Combine(DirectoryPath, "locks");
        Directory.CreateDirectory(DirectoryPath);
    }

    /// <summary>The full path of the directory that holds the checkpoint files.</summary>
    public string DirectoryPath { get; }

    /// <summary>
    /// Called with the temporary file's path after it is written and flushed (and after the new
    /// index markers are written), before it is renamed into place; tests throw from it to
    /// simulate a crash at the one moment that matters.
    /// </summary>
    internal Action<string>? AfterTemporaryFileWritten { get; set; }

    /// <summary>How many directories this instance has listed (tests check that saves list none).</summary>
    internal long DirectoryListings => Interlocked.Read(ref _directoryListings);

    /// <summary>How many checkpoint headers this instance has read (tests check that indexed queries read only matches).</summary>
    internal long HeaderReads => Interlocked.Read(ref _headerReads);

    private string IndexPath { get; }

    private string LeasesPath { get; }

    private string LocksPath { get; }

    /// <summary>The path of the file that holds (or would hold) the checkpoint of <paramref name="id"/>.</summary>
    public string GetFilePath(ProcessId id) => Path.Combine(DirectoryPath, id.ToString() + FileExtension);

    private string GetTemporaryPath(ProcessId id) => GetFilePath(id) + TemporarySuffix;

    /// <inheritdoc />
    /// <remarks>
    /// Under the id's lock: checks the fencing token against the lease file, reads the old
    /// header (to know its index markers), writes the new markers, writes and flushes
    /// <c>&lt;id&gt;.ckpt.tmp</c>, renames it over <c>&lt;id&gt;.ckpt</c> and removes the markers
    /// the old version had and the new one has not. O(1) in the number of stored checkpoints.
    /// </remarks>
    public async ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointValidation.Validate(checkpoint.Info);
        cancellationToken.ThrowIfCancellationRequested();

        // Encoding copies the data, so the caller's buffer is free once this returns.
        using var writer = new ProcessWriter(checkpoint.Data.Length + 256);
        CheckpointFileFormat.Write(writer, checkpoint);

        var id = checkpoint.Info.Id;
        var markers = IndexDirectoriesOf(checkpoint.Info);
        using (await LockAsync(id, cancellationToken).ConfigureAwait(false))
        {
            if (checkpoint.FencingToken is { } token)
            {
                LeaseRules.EnsureCurrent(id, ReadLease(id).Current, token);
            }

            var path = GetFilePath(id);
            var previous = await TryReadInfoAsync(path, id, cancellationToken).ConfigureAwait(false);
            var previousMarkers = previous is null ? null : IndexDirectoriesOf(previous);

            // Markers first: a checkpoint in place always has its markers; a crash before the
            // rename leaves markers that queries find stale and remove.
            AddMarkers(id, markers, previousMarkers);
            var temporaryPath = GetTemporaryPath(id);
            try
            {
                await WriteTemporaryFileAsync(temporaryPath, writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                AfterTemporaryFileWritten?.Invoke(temporaryPath);
                File.Move(temporaryPath, path, overwrite: true);
            }
            catch
            {
                TryDelete(temporaryPath);
                throw;
            }

            RemoveMarkers(id, previousMarkers, markers);
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
    /// <remarks>
    /// A query by parent, tag, type or state (in that order of preference) lists one index
    /// directory and reads the headers of the checkpoints it names: O(matches). Other queries
    /// read every header, like <see cref="ScanAsync"/>. Damaged files are skipped; use
    /// <see cref="ScanAsync"/> to see them.
    /// </remarks>
    public async ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(CheckpointQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= CheckpointQuery.All;
        cancellationToken.ThrowIfCancellationRequested();
        IEnumerable<CheckpointInfo> candidates = IndexDirectoryFor(query) is { } indexDirectory
            ? await ReadIndexAsync(indexDirectory, cancellationToken).ConfigureAwait(false)
            : (await ScanAsync(query.Tag, cancellationToken).ConfigureAwait(false)).Checkpoints;
        var matching = candidates.Where(query.Matches).OrderBy(info => info.SavedAt).ThenBy(info => info.Id.Value);
        return (query.Limit is { } limit ? matching.Take(limit) : matching).ToArray();
    }

    /// <summary>
    /// Lists the readable checkpoints (all, or those carrying <paramref name="tag"/>) and reports
    /// every damaged checkpoint file apart. Reads every header (their own checksum protects them);
    /// damage confined to the data is found by <see cref="LoadAsync"/>. Temporary files and files
    /// whose names are not <c>&lt;id&gt;.ckpt</c> are ignored; temporary files a crashed save left
    /// (<c>&lt;id&gt;.ckpt.tmp</c>) are removed under their id's lock.
    /// </summary>
    public async ValueTask<CheckpointScanResult> ScanAsync(string? tag = null, CancellationToken cancellationToken = default)
    {
        var checkpoints = new List<CheckpointInfo>();
        var corrupted = new List<CheckpointCorruptedException>();
        var strayTemporaryFiles = new List<ProcessId>();
        foreach (var path in ListFiles(DirectoryPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (TryParseCanonicalName(name, FileExtension + TemporarySuffix, out var temporaryId))
            {
                strayTemporaryFiles.Add(temporaryId);
                continue;
            }

            if (!TryParseCanonicalName(name, FileExtension, out var id))
            {
                continue;
            }

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

        foreach (var id in strayTemporaryFiles)
        {
            await RemoveStrayTemporaryFileAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var ordered = checkpoints.OrderBy(info => info.SavedAt).ThenBy(info => info.Id.Value).ToArray();
        return new CheckpointScanResult(ordered, corrupted.OrderBy(error => error.Location, StringComparer.Ordinal).ToArray());
    }

    /// <inheritdoc />
    /// <remarks>
    /// Deletes the file whether or not it is damaged, any temporary file a crashed save of this
    /// id left, its index markers (known from its header; a damaged file's are removed by later
    /// queries) and its lease file. O(1) in the number of stored checkpoints.
    /// </remarks>
    public async ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (await LockAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var path = GetFilePath(id);
            var current = await TryReadInfoAsync(path, id, cancellationToken).ConfigureAwait(false);
            return DeleteLocked(id, current);
        }
    }

    /// <inheritdoc />
    /// <remarks>Finds the candidates through the tag index. Damaged files are never deleted here: their tags cannot be trusted.</remarks>
    public async ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var deleted = 0;
        foreach (var info in await ListAsync(CheckpointQuery.ForTag(tag), cancellationToken).ConfigureAwait(false))
        {
            using (await LockAsync(info.Id, cancellationToken).ConfigureAwait(false))
            {
                // Read again under the lock: a save since the listing may have dropped the tag,
                // and a file damaged since then is left for the user to inspect.
                var current = await TryReadInfoAsync(GetFilePath(info.Id), info.Id, cancellationToken).ConfigureAwait(false);
                if (current is not null && current.HasTag(tag) && DeleteLocked(info.Id, current))
                {
                    deleted++;
                }
            }
        }

        return deleted;
    }

    // Caller holds the id's lock. The checkpoint goes first, its markers after (a crash between
    // leaves stale markers, which queries remove).
    private bool DeleteLocked(ProcessId id, CheckpointInfo? current)
    {
        var path = GetFilePath(id);
        TryDelete(GetTemporaryPath(id));
        var existed = File.Exists(path);
        if (existed)
        {
            File.Delete(path);
        }

        RemoveMarkers(id, current is null ? null : IndexDirectoriesOf(current), current: null);
        DeleteLease(id);
        TryDeleteChildIndex(id);
        return existed;
    }

    private async ValueTask RemoveStrayTemporaryFileAsync(ProcessId id, CancellationToken cancellationToken)
    {
        try
        {
            // Under the lock no save of the id is under way, so the file is a crashed save's.
            using (await LockAsync(id, cancellationToken).ConfigureAwait(false))
            {
                TryDelete(GetTemporaryPath(id));
            }
        }
        catch (IOException)
        {
            // The lock stayed busy: a later scan, save or delete removes it.
        }
    }

    private string[] ListFiles(string directory)
    {
        Interlocked.Increment(ref _directoryListings);
        try
        {
            return Directory.GetFiles(directory);
        }
        catch (DirectoryNotFoundException)
        {
            return Array.Empty<string>();
        }
    }

    // Only canonical names: a file under another spelling of an id would never be loaded or replaced.
    private static bool TryParseCanonicalName(string name, string suffix, out ProcessId id)
    {
        id = default;
        return name.Length > suffix.Length
            && name.EndsWith(suffix, StringComparison.Ordinal)
            && ProcessId.TryParse(name.AsSpan(0, name.Length - suffix.Length), null, out id)
            && name.Length == 32 + suffix.Length
            && string.Equals(name, id.ToString() + suffix, StringComparison.Ordinal);
    }

    private static async ValueTask WriteTemporaryFileAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            // Create, not CreateNew: a file left by a crashed save of this id is simply replaced.
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            PreallocationSize = bytes.Length,
        };
        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);

            // The bytes must be on disk before the rename publishes them; otherwise a power
            // loss could leave the new name pointing at an empty or partial file.
            stream.Flush(flushToDisk: true);
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
            // Left for a later save, delete or query to remove; it is never read as a checkpoint.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static FileStream OpenForReading(string path, FileOptions options = FileOptions.Asynchronous) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,

        // Readers must not block a concurrent save from renaming a new version over this file.
        Share = FileShare.ReadWrite | FileShare.Delete,
        Options = options,
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

    /// <summary>The header of the checkpoint at <paramref name="path"/>, or null when it is missing or damaged.</summary>
    private async ValueTask<CheckpointInfo?> TryReadInfoAsync(string path, ProcessId id, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadInfoAsync(path, id, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointCorruptedException)
        {
            return null;
        }
    }

    private async ValueTask<CheckpointInfo?> ReadInfoAsync(string path, ProcessId id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _headerReads);
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
