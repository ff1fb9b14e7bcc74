using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Remote;

/// <summary>
/// The processes a worker launched or continued, kept for a while after they terminate. A
/// top-level task stores no checkpoint and leaves the runtime when it ends, yet a client that
/// launched it must still be able to wait for its outputs or ask its status by id.
/// </summary>
internal sealed class RecentProcesses
{
    private readonly ConcurrentDictionary<ProcessId, ProcessHandle> _handles = new();
    private readonly TimeSpan _retention;
    private readonly CancellationToken _stopping;

    public RecentProcesses(TimeSpan retention, CancellationToken stopping)
    {
        _retention = retention;
        _stopping = stopping;
    }

    public void Add(ProcessHandle handle)
    {
        if (_handles.TryAdd(handle.Id, handle))
        {
            _ = ForgetAfterRetentionAsync(handle);
        }
    }

    /// <summary>Puts a new handle in place of an older one of the same process (a retried process is a new run).</summary>
    public void Replace(ProcessHandle handle)
    {
        _handles[handle.Id] = handle;
        _ = ForgetAfterRetentionAsync(handle);
    }

    public bool TryGet(ProcessId id, out ProcessHandle handle) => _handles.TryGetValue(id, out handle!);

    private async Task ForgetAfterRetentionAsync(ProcessHandle handle)
    {
        try
        {
            await handle.WaitForTerminationAsync(_stopping).ConfigureAwait(false);
            await Task.Delay(_retention, _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The worker is stopping; the table goes with it.
        }

        _handles.TryRemove(new System.Collections.Generic.KeyValuePair<ProcessId, ProcessHandle>(handle.Id, handle));
    }
}
