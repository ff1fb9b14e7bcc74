using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;

namespace Processes.RabbitMQ;

/// <summary>
/// The names of the queues and exchanges of one deployment (all under
/// <see cref="RabbitMqConnectionOptions.Prefix"/>) and their declarations. Clients and workers
/// declare what they use with the same arguments, so either may start first.
/// </summary>
internal sealed class Topology
{
    /// <summary>The broker priority of the most urgent level; a queue declared with it holds priorities 0 to this.</summary>
    public const byte MaxBrokerPriority = LaunchOptions.LowestPriority - LaunchOptions.HighestPriority;

    public Topology(string prefix) => Prefix = prefix;

    public string Prefix { get; }

    /// <summary>Direct exchange of control calls by process id; the owner binds its queue under the id.</summary>
    public string ControlExchange => Prefix + ".control";

    /// <summary>Where the control exchange sends calls nobody owns (the process is stored, queued or unknown): any worker answers from the store.</summary>
    public string UnroutedExchange => Prefix + ".control.unrouted";

    /// <summary>The queue every worker consumes from the unrouted exchange (competing consumers).</summary>
    public string UnroutedQueue => Prefix + ".control.unrouted";

    /// <summary>Fanout exchange of calls to every worker (pause, play, kill all; list).</summary>
    public string BroadcastExchange => Prefix + ".broadcast";

    /// <summary>Topic exchange of state changes, routing key <c>status.{name}.{id}</c>.</summary>
    public string EventsExchange => Prefix + ".events";

    /// <summary>The durable, prioritized queue of launches and continues of one process type.</summary>
    public string WorkQueue(string processName) => Prefix + ".work." + processName;

    /// <summary>A worker's own queue: control calls for the processes it owns, and broadcasts.</summary>
    public string WorkerQueue(string workerId) => Prefix + ".worker." + workerId;

    /// <summary>A client's own queue of answers.</summary>
    public string ReplyQueue(string clientId) => Prefix + ".reply." + clientId;

    /// <summary>
    /// The durable queue of shared state requests. It has a single active consumer: exactly one
    /// worker serves the deployment's shared states at a time, and the broker hands the queue to
    /// the next worker when that one goes.
    /// </summary>
    public string SharedStateQueue => Prefix + ".states";

    public static string StatusRoutingKey(string processName, ProcessId id) => "status." + processName + "." + id.Value.ToString("N");

    /// <summary>The binding that receives one process's state changes (its name may hold dots), or every process's.</summary>
    public static string WatchBindingKey(ProcessId? id) => id is { } one ? "status.#." + one.Value.ToString("N") : "status.#";

    public static string ControlRoutingKey(ProcessId id) => id.Value.ToString("N");

    public async Task DeclareExchangesAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(UnroutedExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(
            ControlExchange, ExchangeType.Direct, durable: true, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["alternate-exchange"] = UnroutedExchange },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(BroadcastExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(UnroutedQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(UnroutedQueue, UnroutedExchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task DeclareWorkQueueAsync(IChannel channel, string processName, CancellationToken cancellationToken) =>
        channel.QueueDeclareAsync(
            WorkQueue(processName), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-priority"] = (int)MaxBrokerPriority },
            cancellationToken: cancellationToken);

    public Task DeclareSharedStateQueueAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.QueueDeclareAsync(
            SharedStateQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-single-active-consumer"] = true },
            cancellationToken: cancellationToken);

    /// <summary>The broker priority of a launch: the broker serves higher numbers first, levels run lower first.</summary>
    public static byte BrokerPriority(LaunchOptions? options) => (byte)(LaunchOptions.LowestPriority - (options?.Priority ?? LaunchOptions.DefaultPriority));
}
