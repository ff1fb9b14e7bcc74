using Processes.RabbitMQ.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(SharedBroker))]

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// The node most tests share (an assembly fixture); each test isolates itself with its own queue
/// and exchange prefix (<see cref="Deployment"/>). Tests that restart their broker start a private <see cref="RabbitMqNode"/>.
/// </summary>
public sealed class SharedBroker : RabbitMqNode, IAsyncLifetime
{
    /// <summary>Skips the calling test with the reason when the binaries are missing (CI installs them).</summary>
    public static void SkipUnlessInstalled() =>
        Assert.SkipUnless(Installed, $"rabbitmq-server is not installed ({ServerScript}); run `bash scripts/install-servers.sh rabbitmq`.");
}
