using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>Priority queues and routing by process type.</summary>
public sealed class SchedulingTests(SharedBroker broker)
{
    [Fact]
    public async Task Queued_launches_start_lower_priority_level_first_and_in_order_within_a_level()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        var client = await deployment.ConnectAsync();
        var ledger = deployment.LedgerPath;

        // The one slot is busy, so everything below waits in the queue, where the broker sorts it.
        await client.SubmitAsync(new BrokerLabel { Label = "blocker", LedgerPath = ledger, DelayMs = 1500 }, cancellationToken: TestContext.Current.CancellationToken);
        await WaitForLinesAsync(deployment, 1);
        foreach (var (label, level) in new[] { ("low-1", 9), ("normal-1", LaunchOptions.DefaultPriority), ("low-2", 9), ("high-1", 0), ("normal-2", LaunchOptions.DefaultPriority), ("high-2", 0) })
        {
            await client.SubmitAsync(new BrokerLabel { Label = label, LedgerPath = ledger }, new LaunchOptions { Priority = level }, TestContext.Current.CancellationToken);
        }

        await WaitForLinesAsync(deployment, 7);
        Assert.Equal(["blocker", "high-1", "high-2", "normal-1", "normal-2", "low-1", "low-2"], deployment.LedgerLines());
    }

    [Fact]
    public void A_priority_level_outside_0_to_9_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchOptions { Priority = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchOptions { Priority = -1 });
    }

    [Fact]
    public async Task A_worker_takes_only_the_process_types_it_serves()
    {
        await using var deployment = new Deployment(broker);
        var greeter = await deployment.StartWorkerAsync(processNames: [NameOf<BrokerGreeting>()]);
        var squarer = await deployment.StartWorkerAsync(processNames: [NameOf<BrokerSquare>()]);
        var client = await deployment.ConnectAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("hello ada", (await client.RunAsync(new BrokerGreeting { Name = "ada" }, TestContext.Current.CancellationToken)).Greeting);
            Assert.Equal(9, (await client.RunAsync(new BrokerSquare { X = 3 }, TestContext.Current.CancellationToken)).Result);
        }

        Assert.Equal(3, greeter.ProcessesTaken);
        Assert.Equal(3, squarer.ProcessesTaken);
        Assert.Equal([NameOf<BrokerGreeting>()], greeter.ProcessNames);
    }

    private static string NameOf<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess> => TProcess.Descriptor.Name;

    private static async Task WaitForLinesAsync(Deployment deployment, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (deployment.LedgerLines().Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {deployment.LedgerLines().Count} of {count} ledger lines: {string.Join(", ", deployment.LedgerLines())}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
