using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// The query index of <see cref="FileCheckpointStore"/>: empty marker files
/// <c>index/&lt;kind&gt;/&lt;key&gt;/&lt;id&gt;</c>, one per (criterion, checkpoint). Markers are hints:
/// a save writes the new ones before it renames the checkpoint into place (so a stored
/// checkpoint is never missing from the index) and removes the old ones after; a query reads the
/// header of every checkpoint its marker directory names and ignores, then removes, a marker whose
/// checkpoint is gone or no longer matches (left by a crash or a concurrent change).
/// </summary>
public sealed partial class FileCheckpointStore
{
    private string ParentIndexPath(ProcessId parentId) => Path.Combine(IndexPath, "parent", parentId.ToString());

    private string TagIndexPath(string tag) => Path.Combine(IndexPath, "tag", HashForFileName(tag));

    private string StateIndexPath(ProcessState state) => Path.Combine(IndexPath, "state", ((byte)state).ToString(CultureInfo.InvariantCulture));

    private string TypeIndexPath(string processName) => Path.Combine(IndexPath, "type", HashForFileName(processName));

    // Tags and type names may hold any character, so their directories are named by a hash;
    // a collision only costs a header read, since every marker is checked against the header.
    private static string HashForFileName(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexString(hash.Slice(0, 12));
    }

    /// <summary>The marker directories <paramref name="info"/> belongs in.</summary>
    private List<string> IndexDirectoriesOf(CheckpointInfo info)
    {
        var directories = new List<string>(info.Tags.Count + 3) { StateIndexPath(info.State), TypeIndexPath(info.ProcessName) };
        if (info.ParentId is { } parentId)
        {
            directories.Add(ParentIndexPath(parentId));
        }

        foreach (var tag in info.Tags)
        {
            var directory = TagIndexPath(tag);
            if (!directories.Contains(directory))
            {
                directories.Add(directory);
            }
        }

        return directories;
    }

    /// <summary>The most selective marker directory for <paramref name="query"/>, or null when it needs a full scan.</summary>
    private string? IndexDirectoryFor(CheckpointQuery query) =>
        query.ParentId is { } parentId ? ParentIndexPath(parentId)
        : query.Tag is { } tag ? TagIndexPath(tag)
        : query.ProcessName is { } processName ? TypeIndexPath(processName)
        : query.State is { } state ? StateIndexPath(state)
        : null;

    /// <summary>Writes the markers of <paramref name="current"/> that <paramref name="previous"/> did not have. Caller holds the id's lock.</summary>
    private void AddMarkers(ProcessId id, List<string> current, List<string>? previous)
    {
        foreach (var directory in current)
        {
            if (previous is null || !previous.Contains(directory))
            {
                CreateMarker(directory, id);
            }
        }
    }

    /// <summary>Removes the markers of <paramref name="previous"/> that <paramref name="current"/> does not have. Caller holds the id's lock.</summary>
    private void RemoveMarkers(ProcessId id, List<string>? previous, List<string>? current)
    {
        if (previous is null)
        {
            return;
        }

        foreach (var directory in previous)
        {
            if (current is null || !current.Contains(directory))
            {
                TryDelete(Path.Combine(directory, id.ToString()));
            }
        }
    }

    private static void CreateMarker(string directory, ProcessId id)
    {
        var path = Path.Combine(directory, id.ToString());
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete).Dispose();
                return;
            }
            catch (IOException exception) when (attempt < 5 && exception is DirectoryNotFoundException or FileNotFoundException)
            {
                // First marker of its kind, or its directory was removed meanwhile (an empty
                // parent directory deleted by another save or delete; .NET reports that either way).
                Directory.CreateDirectory(directory);
            }
        }
    }

    /// <summary>
    /// The readable checkpoints named by the markers in <paramref name="directory"/> that really
    /// belong there (unordered, unfiltered by the rest of the query). Stale markers are removed
    /// under the id's lock after a second look; damaged checkpoints are skipped and keep their markers.
    /// </summary>
    private async ValueTask<List<CheckpointInfo>> ReadIndexAsync(string directory, CancellationToken cancellationToken)
    {
        var found = new List<CheckpointInfo>();
        foreach (var path in ListFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (!TryParseCanonicalName(name, string.Empty, out var id))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            CheckpointInfo? info;
            try
            {
                info = await ReadInfoAsync(GetFilePath(id), id, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointCorruptedException)
            {
                continue;
            }

            if (info is not null && IndexDirectoriesOf(info).Contains(directory))
            {
                found.Add(info);
            }
            else
            {
                await RemoveStaleMarkerAsync(directory, id, cancellationToken).ConfigureAwait(false);
            }
        }

        return found;
    }

    private async ValueTask RemoveStaleMarkerAsync(string directory, ProcessId id, CancellationToken cancellationToken)
    {
        try
        {
            using (await LockAsync(id, cancellationToken).ConfigureAwait(false))
            {
                // Look again under the lock: a save may have put the checkpoint in place since.
                var info = await TryReadInfoAsync(GetFilePath(id), id, cancellationToken).ConfigureAwait(false);
                if (info is null ? !File.Exists(GetFilePath(id)) : !IndexDirectoriesOf(info).Contains(directory))
                {
                    TryDelete(Path.Combine(directory, id.ToString()));
                }
            }
        }
        catch (IOException)
        {
            // The lock stayed busy: the marker stays a hint for a later query to remove; this
            // query's answer does not depend on it.
        }
    }

    /// <summary>Removes the (empty) directory of a deleted process's child markers; a non-empty one stays.</summary>
    private void TryDeleteChildIndex(ProcessId id)
    {
        try
        {
            Directory.Delete(ParentIndexPath(id));
        }
        catch (IOException)
        {
            // Missing, or it still names children.
        }
        catch (UnauthorizedAccessException)
        {
            // As above on some platforms.
        }
    }
}
