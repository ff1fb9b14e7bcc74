using System;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// An output the worker cannot serialize is answered with an error frame: the caller gets the
/// worker's typed error, not a wait that never ends, and the connection goes on.
/// </summary>
public sealed class UnwritableOutputTests
{
    [Fact]
    public async Task An_output_whose_getter_throws_InvalidOperationException_fails_the_call_typed_instead_of_leaving_it_waiting()
    {
        await using var worker = await InProcessWorker.StartAsync(secret: null);
        await using var client = await worker.ConnectAsync(secret: null).Within();

        // Without the error reply the call waits forever; the timeout turns that into a TimeoutException.
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await client.RunAsync(new RemoteUnwritableOutput { Value = 3 }).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("UnwritableReport.Value cannot be read.", failed.Message, StringComparison.Ordinal);

        var square = await client.RunAsync(new RemoteSquare { X = 6 }).Within();
        Assert.Equal(36, square.Result);
    }
}
