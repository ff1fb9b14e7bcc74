using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Cli;

/// <summary>Waits for a process on a worker to end, by id alone (the tool knows no process types), polling its status.</summary>
internal static class WorkerWait
{
    /// <summary>How often the status is asked for.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>The process's status once it has terminated; Ctrl+C stops waiting and leaves it running on the worker.</summary>
    public static async Task<ProcessStatus> UntilTerminatedAsync(ProcessClient worker, ProcessStatus status, CancellationToken cancellationToken)
    {
        try
        {
            while (!status.State.IsTerminal())
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
                status = await worker.GetStatusAsync(status.Id, cancellationToken).ConfigureAwait(false);
            }

            return status;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Error, $"Stopped waiting; {status.Id} still runs on the worker.");
        }
    }
}
