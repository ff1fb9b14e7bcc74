using System;
using System.Threading.Tasks;

namespace Processes.Remote;

/// <summary>A call waiting for its result frame; status frames for it go to <see cref="Progress"/>.</summary>
internal sealed class PendingCall
{
    public PendingCall(IProgress<ProcessStatus>? progress) => Progress = progress;

    public TaskCompletionSource<byte[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IProgress<ProcessStatus>? Progress { get; }
}
