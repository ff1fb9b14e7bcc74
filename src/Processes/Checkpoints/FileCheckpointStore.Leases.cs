using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// Leases of <see cref="FileCheckpointStore"/>: one small file per process,
/// <c>leases/&lt;id&gt;.lease</c>, read and replaced only under the id's lock.
/// </summary>
public sealed partial class FileCheckpointStore
{
    // The lease file is UTF-8 text: this first line, the fencing token, the expiry in UTC ticks,
    // then the owner (the rest of the file; empty for a released lease, which keeps the token so
    // later grants stay greater).
    private const string LeaseFileMagic = "processes-lease 1";

    /// <inheritdoc />
    /// <remarks>
    /// A new holder's token is <c>max(previous token + 1, system clock UTC ticks)</c>: greater than
    /// the last token while the lease file exists (held, expired or released), and, after
    /// <see cref="DeleteAsync"/> removed it, greater than any token issued before as long as the
    /// system clock has not been set back past that grant. Atomic across store instances and OS
    /// processes sharing the directory.
    /// </remarks>
    public async ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, string owner, TimeSpan duration, ProcessLease? takeOverFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        LeaseRules.ValidateDuration(duration);
        cancellationToken.ThrowIfCancellationRequested();
        using (await LockAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var stored = ReadLease(id);
            var newToken = Math.Max(stored.LastToken + 1, DateTime.UtcNow.Ticks);
            var granted = LeaseRules.Acquire(id, stored.Current, owner, _timeProvider.GetUtcNow(), duration, newToken, takeOverFrom);
            WriteLease(id, granted.FencingToken, granted.ExpiresAt, granted.Owner);
            return granted;
        }
    }

    /// <inheritdoc />
    public async ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseRules.ValidateDuration(duration);
        cancellationToken.ThrowIfCancellationRequested();
        using (await LockAsync(lease.Id, cancellationToken).ConfigureAwait(false))
        {
            var current = ReadLease(lease.Id).Current;
            LeaseRules.EnsureCurrent(lease.Id, current, lease.FencingToken);
            var renewed = current! with { ExpiresAt = _timeProvider.GetUtcNow() + duration };
            WriteLease(lease.Id, renewed.FencingToken, renewed.ExpiresAt, renewed.Owner);
            return renewed;
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        cancellationToken.ThrowIfCancellationRequested();
        using (await LockAsync(lease.Id, cancellationToken).ConfigureAwait(false))
        {
            if (ReadLease(lease.Id).Current is { } current && current.FencingToken == lease.FencingToken)
            {
                WriteLease(lease.Id, current.FencingToken, DateTimeOffset.MinValue, owner: string.Empty);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads the lease file without taking the lock: it is only ever replaced by an atomic rename.</remarks>
    public ValueTask<ProcessLease?> GetLeaseAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<ProcessLease?>(ReadLease(id).Current);
    }

    private string GetLeasePath(ProcessId id) => Path.Combine(LeasesPath, id.ToString() + ".lease");

    /// <summary>The current lease (null when none or released) and the last token issued (0 when unknown).</summary>
    private StoredLease ReadLease(ProcessId id)
    {
        var path = GetLeasePath(id);
        string text;
        try
        {
            using var stream = OpenForReading(path, FileOptions.None);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return default;
        }
        catch (DirectoryNotFoundException)
        {
            return default;
        }

        var lines = text.Split('\n', 4);
        if (lines.Length != 4
            || lines[0] != LeaseFileMagic
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var token)
            || !long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresTicks)
            || expiresTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new IOException($"The lease file {path} is damaged; delete it to free process {id} (its checkpoint is not affected).");
        }

        var owner = lines[3];
        var current = owner.Length == 0 ? null : new ProcessLease(id, owner, token, new DateTimeOffset(expiresTicks, TimeSpan.Zero));
        return new StoredLease(current, token);
    }

    /// <summary>Replaces the lease file atomically (temporary file, flush to disk, rename). Caller holds the id's lock.</summary>
    private void WriteLease(ProcessId id, long token, DateTimeOffset expiresAt, string owner)
    {
        var path = GetLeasePath(id);
        var temporaryPath = path + TemporarySuffix;
        var text = string.Create(CultureInfo.InvariantCulture, $"{LeaseFileMagic}\n{token}\n{expiresAt.UtcTicks}\n{owner}");
        try
        {
            WriteDurably(temporaryPath, Encoding.UTF8.GetBytes(text), LeasesPath);
            File.Move(temporaryPath, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    private void DeleteLease(ProcessId id)
    {
        var path = GetLeasePath(id);
        TryDelete(path + TemporarySuffix);
        TryDelete(path);
    }

    private static void WriteDurably(string path, ReadOnlySpan<byte> bytes, string directory)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                Directory.CreateDirectory(directory);
            }
        }
    }

    private readonly record struct StoredLease(ProcessLease? Current, long LastToken);
}
