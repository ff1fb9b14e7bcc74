using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.RabbitMQ;

/// <summary>Reports a process's broadcast state changes to an <see cref="IProgress{T}"/> while a call waits for it.</summary>
internal sealed class ProgressReporter : IAsyncDisposable
{
    private readonly StatusSubscription _subscription;
    private readonly Task _pump;

    private ProgressReporter(StatusSubscription subscription, IProgress<ProcessStatus> progress)
    {
        _subscription = subscription;
        _pump = PumpAsync(subscription, progress);
    }

    public static async Task<ProgressReporter> StartAsync(RabbitMqProcessClient client, ProcessId id, IProgress<ProcessStatus> progress, CancellationToken cancellationToken) =>
        new(await client.SubscribeAsync(id, cancellationToken).ConfigureAwait(false), progress);

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
    }

    private static async Task PumpAsync(StatusSubscription subscription, IProgress<ProcessStatus> progress)
    {
        await foreach (var status in subscription.Statuses.ReadAllAsync().ConfigureAwait(false))
        {
            progress.Report(status);
        }
    }
}
