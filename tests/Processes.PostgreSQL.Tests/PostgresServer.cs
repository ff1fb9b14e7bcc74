using Processes.PostgreSQL.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace Processes.PostgreSQL.Tests;

/// <summary>
/// The test assembly's cluster (an assembly fixture): started before the first test, stopped and
/// deleted after the last. Tests that stop their server start a private <see cref="PostgresServer"/>.
/// </summary>
public sealed class PostgresServer : PostgresCluster, IAsyncLifetime
{
}
