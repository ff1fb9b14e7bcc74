using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// The connection budgets: connections stuck in the handshake have a small budget of their own
/// and cannot keep out a client that knows the secret; every refusal arrives as
/// <see cref="RemoteWorkerBusyException"/>, never as a broken pipe.
/// </summary>
public sealed class ConnectionLimitTests
{
    private const string Secret = "limits secret";
    private const byte BusyErrorCode = 13;

    [Fact]
    public async Task Connections_that_never_finish_the_handshake_do_not_keep_out_a_client_with_the_secret()
    {
        // Fewer connection slots than stuck connections: counted together, they would fill the worker.
        await using var worker = await InProcessWorker.StartAsync(Secret, options => options with { MaxConnections = 4 }).Within();
        var pendingBudget = worker.Worker.Options.MaxPendingHandshakes;
        var stuck = new List<RawConnection>();
        try
        {
            for (var i = 0; i < pendingBudget + 8; i++)
            {
                stuck.Add(await RawConnection.OpenAsync(worker.PipeName, secret: null, handshake: false).Within());
            }

            var clock = Stopwatch.StartNew();
            await using var client = await worker.ConnectAsync(Secret).Within();
            Assert.Equal(36, (await client.RunAsync(new RemoteSquare { X = 6 }).Within()).Result);
            Assert.True(
                clock.Elapsed < worker.Worker.Options.HandshakeTimeout / 2,
                $"Connecting took {clock.Elapsed}; the stuck handshakes time out after {worker.Worker.Options.HandshakeTimeout}.");

            // The one that waited longest was dropped with the typed refusal after its hello.
            Assert.Equal(RawConnection.Hello, (await stuck[0].ReadFrameAsync().Within())!.Type);
            var refusal = (await stuck[0].ReadFrameAsync().Within())!;
            Assert.Equal((RawConnection.Error, BusyErrorCode), (refusal.Type, refusal.Payload[0]));
        }
        finally
        {
            foreach (var connection in stuck)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_full_worker_refuses_every_further_client_with_RemoteWorkerBusyException(bool withSecret)
    {
        var secret = withSecret ? Secret : null;
        await using var worker = await InProcessWorker.StartAsync(secret, options => options with { MaxConnections = 1 }).Within();
        await using var first = await worker.ConnectAsync(secret).Within();

        // A client without a secret sends its proof before it reads anything: the refusal must
        // still win over the broken pipe of a worker that closed meanwhile.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var error = await Assert.ThrowsAsync<RemoteWorkerBusyException>(() => worker.ConnectAsync(secret)).Within();
            Assert.Contains("already serves 1 connections", error.Message);
        }

        Assert.Equal(1, worker.Worker.ConnectionCount);
        Assert.Equal(4, (await first.RunAsync(new RemoteSquare { X = 2 }).Within()).Result);
    }

    [Fact]
    public async Task A_slot_freed_by_a_client_that_left_is_taken_by_the_next()
    {
        await using var worker = await InProcessWorker.StartAsync(Secret, options => options with { MaxConnections = 1 }).Within();
        await (await worker.ConnectAsync(Secret).Within()).DisposeAsync();

        await using var next = await TestKit.Until(
            async () =>
            {
                try
                {
                    return await worker.ConnectAsync(Secret);
                }
                catch (RemoteWorkerBusyException)
                {
                    return null;
                }
            },
            client => client is not null);

        Assert.Equal(9, (await next!.RunAsync(new RemoteSquare { X = 3 }).Within()).Result);
    }
}
