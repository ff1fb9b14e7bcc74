using System;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>Launch and results over the broker: typed outputs in, typed outputs and typed errors out.</summary>
public sealed class RoundTripTests(SharedBroker broker)
{
    [Fact]
    public async Task Run_returns_a_new_instance_with_the_typed_outputs()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var input = new BrokerSum { Count = 4 };
        var sum = await client.RunAsync(input, TestContext.Current.CancellationToken);

        Assert.Equal(BrokerSum.Expected(4), sum.Total);
        Assert.NotSame(input, sum);
        Assert.Equal(0, input.Total);
    }

    [Fact]
    public async Task A_run_queued_before_any_worker_starts_is_served_when_one_does()
    {
        await using var deployment = new Deployment(broker);
        var client = await deployment.ConnectAsync();

        var run = client.RunAsync(new BrokerSquare { X = 7 }, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(run.IsCompleted);
        await deployment.StartWorkerAsync();

        Assert.Equal(49, (await run).Result);
    }

    [Fact]
    public async Task A_failing_task_arrives_as_the_typed_excepted_error_with_the_remote_type_message_and_stack()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var error = await Assert.ThrowsAsync<ProcessExceptedException>(() => client.RunAsync(new BrokerFailing { Message = "boom" }, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("boom", error.Error.Message);
        Assert.Contains("InvalidOperationException", error.Error.TypeName, StringComparison.Ordinal);
        Assert.Contains("BrokerFailing", error.Error.StackTrace ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_returns_a_handle_whose_wait_returns_the_outputs_with_the_inputs_read_back()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var handle = await client.LaunchAsync(new BrokerSum { Count = 3, ChildDelayMs = 20 }, new LaunchOptions { Tags = ["round-trip"] }, TestContext.Current.CancellationToken);
        var done = await handle.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(BrokerSum.Expected(3), done.Total);
        Assert.Equal(3, done.Count);
        Assert.Equal(20, done.ChildDelayMs);
        Assert.Equal(ProcessState.Finished, (await handle.GetStatusAsync(TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task A_submitted_process_can_be_waited_for_by_id()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var id = await client.SubmitAsync(new BrokerSum { Count = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        var done = await client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(BrokerSum.Expected(2), done.Total);
    }

    [Fact]
    public async Task Invalid_inputs_arrive_as_the_typed_validation_error_and_the_message_is_not_redelivered()
    {
        await using var deployment = new Deployment(broker);
        var worker = await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var error = await Assert.ThrowsAsync<Ports.PortValidationException>(() => client.LaunchAsync(new BrokerSum { Count = 1000 }, cancellationToken: TestContext.Current.CancellationToken).AsTask());

        Assert.Contains(error.Errors, e => e.Path.Contains("count", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(49, (await client.RunAsync(new BrokerSquare { X = 7 }, TestContext.Current.CancellationToken)).Result);
        Assert.Equal(2, worker.ProcessesTaken);
    }
}
