using System;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>A request larger than a frame fails while it is serialized, before it is copied whole, and leaves the connection usable.</summary>
public sealed class FrameLimitTests(SharedWorker shared) : IAsyncLifetime
{
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    private ProcessClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await shared.Worker.ConnectAsync().Within();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task A_100_MB_input_fails_fast_with_RemoteFrameTooLargeException_and_the_next_call_succeeds()
    {
        var huge = new RemoteEcho { Payload = new byte[100_000_000] };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var run = _client.RunAsync(huge);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var error = await Assert.ThrowsAsync<RemoteFrameTooLargeException>(async () => await run).Within();
        Assert.True(allocated < 40_000_000, $"Failing allocated {allocated} bytes.");
        Assert.Equal(TestKit.DescriptorOf<RemoteEcho>().Name, error.ProcessName);
        Assert.Equal(MaxFrameBytes, error.MaxFrameBytes);
        Assert.True(error.ReachedBytes > MaxFrameBytes);
        Assert.Contains(MaxFrameBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains(error.ReachedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);

        Assert.True(_client.IsConnected);
        Assert.Equal(121, (await _client.RunAsync(new RemoteSquare { X = 11 }).Within()).Result);
    }

    [Fact]
    public async Task Launch_and_fire_and_forget_launch_fail_the_same_way()
    {
        var huge = new RemoteEcho { Payload = new byte[MaxFrameBytes + 1] };

        await Assert.ThrowsAsync<RemoteFrameTooLargeException>(async () => await _client.LaunchAsync(huge)).Within();
        await Assert.ThrowsAsync<RemoteFrameTooLargeException>(async () => await _client.SubmitAsync(huge)).Within();

        var echo = await _client.RunAsync(new RemoteEcho { Payload = [1, 2, 3] }).Within();
        Assert.Equal([3, 2, 1], echo.Reversed);
    }

    [Fact]
    public async Task An_input_just_under_the_limit_still_goes_through()
    {
        // The frame around the payload (header, name, section, options) takes well under 1 KiB.
        var payload = new byte[MaxFrameBytes - 1024];
        payload[^1] = 7;

        var echo = await _client.RunAsync(new RemoteEcho { Payload = payload }).Within();

        Assert.Equal(7, echo.Reversed[0]);
    }
}
