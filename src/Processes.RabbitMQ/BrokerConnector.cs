using System;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;

namespace Processes.RabbitMQ;

/// <summary>
/// Opens the one connection a client or worker uses. The first connection is retried with
/// exponential back-off (a worker may start before the broker); a connection lost later is
/// recovered by RabbitMQ.Client's automatic recovery, which also declares again the queues,
/// exchanges, bindings and consumers it recorded.
/// </summary>
internal static class BrokerConnector
{
    public static async Task<IConnection> ConnectAsync(RabbitMqConnectionOptions options, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            VirtualHost = options.VirtualHost,
            UserName = options.UserName,
            Password = options.Password,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = options.ReconnectDelay,
            RequestedHeartbeat = options.Heartbeat,
            Ssl = new SslOption
            {
                Enabled = options.UseTls,
                ServerName = options.TlsServerName ?? options.Host,
            },
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var delay = options.ReconnectDelay;
        while (true)
        {
            try
            {
                return await factory.CreateConnectionAsync(clientName, timeout.Token).ConfigureAwait(false);
            }
            catch (BrokerUnreachableException exception)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                try
                {
                    await Task.Delay(delay, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new RabbitMqConnectionException($"Could not connect to the broker at {options} within {options.ConnectTimeout}.", exception);
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RabbitMqConnectionException($"Could not connect to the broker at {options} within {options.ConnectTimeout}.");
            }
        }
    }
}
