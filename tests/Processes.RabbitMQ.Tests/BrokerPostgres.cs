using Processes.PostgreSQL.Tests;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// A temporary PostgreSQL cluster (the PostgreSQL tests' <see cref="PostgresCluster"/>: 127.0.0.1,
/// a free port, a temporary directory) for the broker tests whose workers store their checkpoints
/// in PostgreSQL; a class fixture, so a class that stops and starts it disturbs no other.
/// </summary>
public sealed class BrokerPostgres : PostgresCluster, IAsyncLifetime
{
}
