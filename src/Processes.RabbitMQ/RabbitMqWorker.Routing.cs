using System;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;

namespace Processes.RabbitMQ;

/// <summary>
/// Routing control calls by process id: the worker binds its own queue to the control exchange
/// under the id of each process it owns. A call for an id nobody has bound goes to the unrouted
/// queue, where any worker answers from the store.
/// </summary>
public sealed partial class RabbitMqWorker
{
    private Task BindAsync(ProcessId id) => ChangeRouteAsync(id, bind: true);

    private Task UnbindAsync(ProcessId id) => ChangeRouteAsync(id, bind: false);

    private async Task ChangeRouteAsync(ProcessId id, bool bind)
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            return;
        }

        await _routeChanges.WaitAsync().ConfigureAwait(false);
        try
        {
            if (bind)
            {
                await _control!.QueueBindAsync(_workerQueue, _topology.ControlExchange, Topology.ControlRoutingKey(id)).ConfigureAwait(false);
            }
            else
            {
                await _control!.QueueUnbindAsync(_workerQueue, _topology.ControlExchange, Topology.ControlRoutingKey(id)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
        {
            // Lost with the connection: recovery restores the bindings it recorded, and a
            // redelivered message binds again.
        }
        finally
        {
            _routeChanges.Release();
        }
    }
}
