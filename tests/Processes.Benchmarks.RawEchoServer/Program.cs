using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipes;
using System.Threading.Tasks;

// Processes.Benchmarks.RawEchoServer --pipe NAME
// Accepts one client and sends back every frame it receives (int32 little-endian length, then that
// many bytes), in order, until the client disconnects or standard input closes. The pipe options
// match ProcessWorker's (current user only, asynchronous), so the only difference from the remote
// cases is the SDK's own work.
if (args is not ["--pipe", var pipeName])
{
    Console.Error.WriteLine("Usage: Processes.Benchmarks.RawEchoServer --pipe NAME");
    return 2;
}

// The largest payload the benchmarks send is 512 KiB; 16 MiB matches the worker's frame limit.
const int MaxFrameBytes = 16 * 1024 * 1024;
await using var pipe = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.CurrentUserOnly | PipeOptions.Asynchronous);
Console.Out.WriteLine("ready");
Console.Out.Flush();

// The owner closing our input means stop, even while no client has connected.
var inputClosed = Task.Run(() => Console.In.ReadToEnd());
var connected = pipe.WaitForConnectionAsync();
if (await Task.WhenAny(connected, inputClosed) != connected)
{
    return 0;
}

var buffer = new byte[4 + 1024];
while (true)
{
    try
    {
        await pipe.ReadExactlyAsync(buffer.AsMemory(0, 4));
    }
    catch (EndOfStreamException)
    {
        return 0;
    }

    var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
    if (length < 0 || length > MaxFrameBytes)
    {
        Console.Error.WriteLine($"RawEchoServer: frame length {length} is out of range.");
        return 1;
    }

    if (buffer.Length < 4 + length)
    {
        var larger = new byte[4 + length];
        buffer.AsSpan(0, 4).CopyTo(larger);
        buffer = larger;
    }

    await pipe.ReadExactlyAsync(buffer.AsMemory(4, length));
    // Prefix and payload in one write, as the SDK's frame channel writes a frame.
    await pipe.WriteAsync(buffer.AsMemory(0, 4 + length));
}
