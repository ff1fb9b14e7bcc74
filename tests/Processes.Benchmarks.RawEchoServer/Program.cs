using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipes;
using System.Threading.Tasks;

// Processes.Benchmarks.RawEchoServer --pipe NAME [--batched]
// Accepts one client and sends back every frame it receives (int32 little-endian length, then that
// many bytes), in order, until the client disconnects or standard input closes. The pipe options
// match ProcessWorker's (current user only, asynchronous), so the only difference from the remote
// cases is the SDK's own work. By default it reads one frame at a time (two reads, one write per
// frame); --batched reads whatever has arrived into one buffer and echoes every complete frame in
// it with one write, as the SDK's frame channels batch.
var batched = args is [_, _, "--batched"];
if (args is not (["--pipe", _] or ["--pipe", _, "--batched"]))
{
    Console.Error.WriteLine("Usage: Processes.Benchmarks.RawEchoServer --pipe NAME [--batched]");
    return 2;
}

var pipeName = args[1];

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

if (batched)
{
    return await EchoBatchedAsync(pipe, MaxFrameBytes);
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


// Reads what has arrived, echoes every complete frame with one write, keeps the incomplete rest.
static async Task<int> EchoBatchedAsync(NamedPipeServerStream pipe, int maxFrameBytes)
{
    var buffer = new byte[64 * 1024];
    var filled = 0;
    while (true)
    {
        var read = await pipe.ReadAsync(buffer.AsMemory(filled));
        if (read == 0)
        {
            return 0;
        }

        filled += read;
        var complete = 0;
        while (filled - complete >= 4)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(complete));
            if (length < 0 || length > maxFrameBytes)
            {
                Console.Error.WriteLine($"RawEchoServer: frame length {length} is out of range.");
                return 1;
            }

            if (filled - complete - 4 < length)
            {
                // Incomplete: make room for the whole frame.
                if (buffer.Length - complete < 4 + length)
                {
                    var larger = new byte[Math.Max(buffer.Length, 4 + length) * 2];
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    buffer = larger;
                }

                break;
            }

            complete += 4 + length;
        }

        if (complete > 0)
        {
            await pipe.WriteAsync(buffer.AsMemory(0, complete));
            buffer.AsSpan(complete, filled - complete).CopyTo(buffer);
            filled -= complete;
        }
        else if (filled == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }
}
