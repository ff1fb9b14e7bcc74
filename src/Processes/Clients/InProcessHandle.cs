using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary><see cref="IProcessHandle{TProcess}"/> over a <see cref="ProcessHandle{TProcess}"/> of the in-process runtime.</summary>
internal sealed class InProcessHandle<TProcess> : IProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    private readonly ProcessHandle<TProcess> _handle;

    public InProcessHandle(ProcessHandle<TProcess> handle) => _handle = handle;

    public ProcessId Id => _handle.Id;

    public string Name => _handle.Name;

    public Task<ProcessStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(_handle.Status);

    public Task<ProcessControlResult> PauseAsync(string? message = null, CancellationToken cancellationToken = default) => _handle.PauseAsync(message).AsTask();

    public Task<ProcessControlResult> PlayAsync(CancellationToken cancellationToken = default) => _handle.PlayAsync().AsTask();

    public Task<ProcessControlResult> KillAsync(string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        _handle.KillAsync(message, force).AsTask();

    public Task<TProcess> WaitAsync(CancellationToken cancellationToken = default) => _handle.WaitAsync(cancellationToken);

    public async Task<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
    {
        if (progress is null)
        {
            return await _handle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        void OnChanged(object? sender, ProcessStateChangedEventArgs change) => progress.Report(_handle.Status);
        _handle.StateChanged += OnChanged;
        try
        {
            progress.Report(_handle.Status);
            return await _handle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _handle.StateChanged -= OnChanged;
        }
    }

    public override string ToString() => _handle.ToString();
}
