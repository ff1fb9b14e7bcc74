using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// The per-id mutex of <see cref="FileCheckpointStore"/>: an in-process gate plus a lock file that
/// other store instances and other OS processes respect.
/// </summary>
public sealed partial class FileCheckpointStore
{
    // Ids map to a fixed set of stripes, so the lock files are bounded in number and are never
    // deleted (deleting a lock file that someone else has open would let two holders in at once).
    // The gates and the lock files share the stripe number: within an instance the gate is taken
    // first, so an instance never waits on its own lock file.
    private const int LockStripes = 64;

    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>
    /// Takes the lock of <paramref name="id"/>'s stripe: first the in-process gate, then the
    /// stripe's lock file opened with <see cref="FileShare.None"/> (an exclusive <c>flock</c> on
    /// Unix, a sharing lock on Windows), retried with a short back-off until the lock timeout.
    /// </summary>
    private async ValueTask<StripeLock> LockAsync(ProcessId id, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(id);
        var gate = _gates[stripe];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = await OpenLockFileAsync(stripe, cancellationToken).ConfigureAwait(false);
            return new StripeLock(gate, file);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private async ValueTask<FileStream> OpenLockFileAsync(int stripe, CancellationToken cancellationToken)
    {
        var path = Path.Combine(LocksPath, stripe.ToString("x2", CultureInfo.InvariantCulture) + ".lock");
        var started = Stopwatch.GetTimestamp();
        var delay = 1;
        while (true)
        {
            try
            {
                // Open, never create: the file is made only by CreateLockFile's exclusive create,
                // so every opener locks the same file of this name.
                return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (Exception exception) when (exception is DirectoryNotFoundException or FileNotFoundException)
            {
                CreateLockFile(path);
                continue;
            }
            catch (IOException exception) when (exception is not FileNotFoundException and not PathTooLongException)
            {
                // Held by another instance or OS process (a sharing violation).
                if (Stopwatch.GetElapsedTime(started) >= _lockTimeout)
                {
                    throw new IOException(
                        $"Timed out after {_lockTimeout} waiting for the checkpoint lock file {path}: another FileCheckpointStore on {DirectoryPath} (in this or another OS process) held it the whole time.",
                        exception);
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = Math.Min(delay * 2, 16);
        }
    }

    /// <summary>
    /// Puts a lock file in place with an exclusive create (<c>O_CREAT | O_EXCL</c>): exactly one
    /// racing creator makes it, and an existing file (possibly held locked by someone) is never
    /// replaced. A rename "without overwrite" is not enough: on Unix, .NET checks that the target
    /// is absent and then renames, so two creators could both rename and the second would swap in a
    /// new file under a holder of the first, letting two lockers in at once.
    /// </summary>
    private void CreateLockFile(string path)
    {
        Directory.CreateDirectory(LocksPath);
        try
        {
            using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another creator was first (or already holds it locked): theirs is as good.
        }
    }

    // FNV-1a over the id's bytes: the same stripe in every OS process (string and Guid hash codes
    // may differ between processes or runtimes).
    private static int StripeOf(ProcessId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.Value.TryWriteBytes(bytes);
        var hash = 2166136261u;
        foreach (var value in bytes)
        {
            hash = (hash ^ value) * 16777619u;
        }

        return (int)(hash % LockStripes);
    }

    /// <summary>A held stripe lock; disposing it closes the lock file (releasing the <c>flock</c>) and then the gate.</summary>
    private sealed class StripeLock(SemaphoreSlim gate, FileStream file) : IDisposable
    {
        public void Dispose()
        {
            file.Dispose();
            gate.Release();
        }
    }
}
