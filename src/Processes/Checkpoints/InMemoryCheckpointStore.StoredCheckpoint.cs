using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Processes.Checkpoints;

public sealed partial class InMemoryCheckpointStore
{
    /// <summary>
    /// The stored checkpoint of one id: its description, kept as fields (the
    /// <see cref="CheckpointInfo"/> is built only when a list or a load asks for it), and a copy of
    /// its bytes in a buffer rented from the shared pool. A later save of the same id overwrites
    /// both in place, so a process that checkpoints after every step allocates nothing per save.
    /// Once a load has handed the bytes out they are the loader's to keep: the entry is never
    /// written again (a save replaces it by a new one) and its buffer never goes back to the pool.
    /// Every field is read and written under the entry's own lock.
    /// </summary>
    private sealed class StoredCheckpoint
    {
        private byte[] _buffer;
        private int _length;
        private string _processName;
        private ProcessState _state;
        private bool _paused;
        private IReadOnlyList<string> _tags;
        private DateTimeOffset _savedAt;
        private ProcessId? _parentId;
        private long _sequence;

        // Built on demand; null again after an overwrite.
        private CheckpointInfo? _info;
        private Checkpoint? _handedOut;
        private bool _retired;

        public StoredCheckpoint(ProcessId id, in CheckpointFields fields, ReadOnlySpan<byte> data)
        {
            Id = id;
            _buffer = data.IsEmpty ? [] : ArrayPool<byte>.Shared.Rent(data.Length);
            _processName = fields.ProcessName;
            _tags = TagsToKeep(Array.Empty<string>(), fields.Tags);
            Assign(fields, data);
        }

        public ProcessId Id { get; }

        /// <summary>The description as it is now (built once per version of the entry).</summary>
        public CheckpointInfo Info
        {
            get
            {
                lock (this)
                {
                    return InfoLocked();
                }
            }
        }

        /// <summary>The checkpoint for a load; null once retired (replaced by a new entry, or deleted).</summary>
        public Checkpoint? TryHandOut()
        {
            lock (this)
            {
                return _retired ? null : _handedOut ??= new Checkpoint(InfoLocked(), new ReadOnlyMemory<byte>(_buffer, 0, _length));
            }
        }

        /// <summary>
        /// Writes a newer version of the checkpoint into this entry, unless its bytes were handed
        /// out or it is no longer <paramref name="store"/>'s entry for its id (replaced or
        /// deleted): then the caller stores a new entry instead.
        /// </summary>
        public bool TryOverwrite(in CheckpointFields fields, ReadOnlySpan<byte> data, ConcurrentDictionary<ProcessId, StoredCheckpoint> store)
        {
            lock (this)
            {
                // Still the store's entry, checked under the lock that delete-by-tag and Retire take:
                // a save that lands here is ordered before any removal of the entry.
                if (_retired || _handedOut is not null || !store.TryGetValue(Id, out var current) || !ReferenceEquals(current, this))
                {
                    return false;
                }

                if (_buffer.Length < data.Length)
                {
                    // Nobody else holds the old buffer (it was never handed out): it goes back.
                    var larger = ArrayPool<byte>.Shared.Rent(data.Length);
                    if (_buffer.Length > 0)
                    {
                        ArrayPool<byte>.Shared.Return(_buffer);
                    }

                    _buffer = larger;
                }

                _processName = fields.ProcessName;
                _tags = TagsToKeep(_tags, fields.Tags);
                Assign(fields, data);
                _info = null;
                return true;
            }
        }

        /// <summary>Removes the entry from <paramref name="store"/> when it has <paramref name="tag"/>, checked while no save can change it.</summary>
        public bool RemoveIfTagged(string tag, ConcurrentDictionary<ProcessId, StoredCheckpoint> store)
        {
            lock (this)
            {
                if (_retired || !HasTag(_tags, tag) || !store.TryRemove(new KeyValuePair<ProcessId, StoredCheckpoint>(Id, this)))
                {
                    return false;
                }

                RetireLocked();
                return true;
            }
        }

        /// <summary>Called once the entry left the store: gives the buffer back unless a load holds it.</summary>
        public void Retire()
        {
            lock (this)
            {
                RetireLocked();
            }
        }

        private void RetireLocked()
        {
            if (_retired)
            {
                return;
            }

            _retired = true;
            if (_handedOut is null && _buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = [];
            _length = 0;
        }

        private void Assign(in CheckpointFields fields, ReadOnlySpan<byte> data)
        {
            _state = fields.State;
            _paused = fields.Paused;
            _savedAt = fields.SavedAt;
            _parentId = fields.ParentId;
            _sequence = fields.Sequence;
            _length = data.Length;
            data.CopyTo(_buffer);
        }

        private CheckpointInfo InfoLocked() =>
            _info ??= new CheckpointInfo(Id, _processName, _state, _paused, _tags, _savedAt, _parentId) { Sequence = _sequence };

        /// <summary>
        /// The tags to store: the store's own copy, since the caller may change its list after the
        /// save. An empty array cannot change, and an unchanged list keeps the copy already stored.
        /// </summary>
        private static IReadOnlyList<string> TagsToKeep(IReadOnlyList<string> stored, IReadOnlyList<string> saved)
        {
            if (saved is string[] { Length: 0 })
            {
                return saved;
            }

            if (stored.Count == saved.Count && stored.Count > 0)
            {
                var same = true;
                for (var i = 0; i < saved.Count && same; i++)
                {
                    same = string.Equals(stored[i], saved[i], StringComparison.Ordinal);
                }

                if (same)
                {
                    return stored;
                }
            }

            return saved.ToArray();
        }

        private static bool HasTag(IReadOnlyList<string> tags, string tag)
        {
            for (var i = 0; i < tags.Count; i++)
            {
                if (string.Equals(tags[i], tag, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
