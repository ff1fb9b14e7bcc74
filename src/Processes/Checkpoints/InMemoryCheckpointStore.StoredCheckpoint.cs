using System;
using System.Buffers;
using System.Threading;

namespace Processes.Checkpoints;

public sealed partial class InMemoryCheckpointStore
{
    /// <summary>
    /// One saved checkpoint: its info and a copy of its bytes in a buffer rented from the shared
    /// pool. The buffer goes back to the pool when the checkpoint is replaced or deleted, unless a
    /// load handed the bytes out first; then the caller may keep them and the GC reclaims them.
    /// </summary>
    private sealed class StoredCheckpoint
    {
        private const int Stored = 0;
        private const int HandedOut = 1;
        private const int Retired = 2;

        private readonly byte[] _buffer;
        private readonly int _length;
        private int _state;
        private Checkpoint? _handedOut;

        public StoredCheckpoint(CheckpointInfo info, ReadOnlySpan<byte> data)
        {
            Info = info;
            _length = data.Length;
            _buffer = data.IsEmpty ? [] : ArrayPool<byte>.Shared.Rent(data.Length);
            data.CopyTo(_buffer);
        }

        public CheckpointInfo Info { get; }

        /// <summary>The checkpoint for a load; null once retired (a newer save replaced it, or it was deleted).</summary>
        public Checkpoint? TryHandOut()
        {
            if (Interlocked.CompareExchange(ref _state, HandedOut, Stored) == Retired)
            {
                return null;
            }

            // Two loads racing here may build two equal records over the same bytes: harmless.
            return Volatile.Read(ref _handedOut) ?? Interlocked.CompareExchange(ref _handedOut, new Checkpoint(Info, new ReadOnlyMemory<byte>(_buffer, 0, _length)), null) ?? _handedOut!;
        }

        /// <summary>Called once the checkpoint left the store: gives the buffer back unless a load holds it.</summary>
        public void Retire()
        {
            if (Interlocked.CompareExchange(ref _state, Retired, Stored) == Stored && _buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }
    }
}
