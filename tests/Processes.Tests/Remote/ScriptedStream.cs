using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Tests.Remote;

/// <summary>
/// A stream for driving a frame channel by hand: reads hand out <see cref="Incoming"/> in chunks
/// of the sizes <see cref="NextChunk"/> picks, then end the stream (or, with
/// <see cref="HangAtEnd"/>, wait until cancelled); every write is recorded as one array, after
/// <see cref="BeforeWrite"/> (given the write's index) has completed.
/// </summary>
internal sealed class ScriptedStream(byte[] incoming) : Stream
{
    private readonly object _gate = new();
    private readonly List<byte[]> _writes = [];
    private int _readPosition;

    public byte[] Incoming { get; } = incoming;

    public Func<int, int> NextChunk { get; init; } = remaining => remaining;

    public bool HangAtEnd { get; init; }

    public Func<int, Task>? BeforeWrite { get; init; }

    public IReadOnlyList<byte[]> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var remaining = Incoming.Length - _readPosition;
        if (remaining == 0)
        {
            if (HangAtEnd)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return 0;
        }

        var count = Math.Min(buffer.Length, Math.Max(1, Math.Min(remaining, NextChunk(remaining))));
        Incoming.AsSpan(_readPosition, count).CopyTo(buffer.Span);
        _readPosition += count;
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int index;
        lock (_gate)
        {
            index = _writes.Count;
            _writes.Add([]);
        }

        if (BeforeWrite is { } before)
        {
            await before(index);
        }

        lock (_gate)
        {
            _writes[index] = buffer.ToArray();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
