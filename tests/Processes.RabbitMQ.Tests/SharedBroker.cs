using Processes.RabbitMQ.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(SharedBroker))]

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// The node most tests share (an assembly fixture); each test isolates itself with its own queue
/// and exchange prefix (<see cref="Deployment"/>). Tests that restart their broker start a private <see cref="RabbitMqNode"/>.
/// </summary>
public sealed class SharedBroker : RabbitMqNode
{
}
