using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// The descriptor of <see cref="MapChunk{TItem}"/>, built from the item's generated descriptor:
/// its checkpoint sections hold each item's own inputs and outputs sections (so an item reads
/// back exactly as it would as a child of its own), and its body runs the items.
/// </summary>
/// <typeparam name="TItem">The items' process type.</typeparam>
internal sealed class MapChunkDescriptor<TItem> : ProcessDescriptor<MapChunk<TItem>>
    where TItem : class
{
    private const byte Succeeded = 0;
    private const byte Failed = 1;
    private const byte NotRun = 2;

    private static MapChunkDescriptor<TItem>? s_current;

    private readonly ProcessDescriptor<TItem> _item;

    private MapChunkDescriptor(ProcessDescriptor<TItem> item)
        : base(MapChunkNames.For(item.Name), ProcessKind.Task)
    {
        _item = item;
        Inputs = new PortNamespace("inputs") { Ports = Array.Empty<Port>() };
        Outputs = new PortNamespace("outputs") { Ports = Array.Empty<Port>() };
    }

    /// <summary>The chunk descriptor built for <typeparamref name="TItem"/> (a chunk type is only ever used after <see cref="For"/>).</summary>
    public static ProcessDescriptor<MapChunk<TItem>> Current =>
        Volatile.Read(ref s_current) ?? throw new InvalidOperationException($"The map chunk type of {typeof(TItem).Name} is used before its descriptor was built.");

    /// <summary>The items' descriptor.</summary>
    public ProcessDescriptor<TItem> Item => _item;

    /// <inheritdoc />
    public override PortNamespace Inputs { get; }

    /// <inheritdoc />
    public override PortNamespace Outputs { get; }

    /// <summary>The chunk descriptor of items described by <paramref name="item"/>, built once per item type.</summary>
    public static MapChunkDescriptor<TItem> For(ProcessDescriptor<TItem> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var current = Volatile.Read(ref s_current);
        if (current is not null && ReferenceEquals(current._item, item))
        {
            return current;
        }

        var built = new MapChunkDescriptor<TItem>(item);
        return Interlocked.CompareExchange(ref s_current, built, current) == current ? built : Volatile.Read(ref s_current)!;
    }

    /// <inheritdoc />
    public override object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs) =>
        throw new NotSupportedException($"{Name} is launched by a chunked map only, not from port values.");

    /// <inheritdoc />
    public override void ValidateInputs(MapChunk<TItem> process, PortErrorCollector errors)
    {
        // One collector for every item: most items are valid and add nothing to it.
        var itemErrors = new PortErrorCollector();
        for (var index = 0; index < process.Items.Length; index++)
        {
            var before = itemErrors.Count;
            _item.ValidateInputs(process.Items[index], itemErrors);
            for (var error = before; error < itemErrors.Count; error++)
            {
                errors.Add(ItemPath(index, itemErrors.Errors[error].Path), itemErrors.Errors[error].Message);
            }
        }
    }

    /// <inheritdoc />
    public override void ValidateOutputs(MapChunk<TItem> process, PortErrorCollector errors)
    {
        // Each item's outputs were validated when it ran.
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetInputs(MapChunk<TItem> process) => new Dictionary<string, object?>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetOutputs(MapChunk<TItem> process) => new Dictionary<string, object?>();

    /// <inheritdoc />
    public override MapChunk<TItem> CopyInputs(MapChunk<TItem> process) =>
        new(Array.ConvertAll(process.Items, _item.CopyInputs), process.CollectErrors);

    /// <inheritdoc />
    public override void WriteInputs(MapChunk<TItem> process, ProcessWriter writer)
    {
        writer.WriteSectionHeader(2);
        writer.WriteMember("collect_errors", process.CollectErrors);
        writer.WriteMemberName("items");
        var items = writer.BeginLengthPrefixed();
        writer.WriteCollectionHeader(process.Items.Length);
        foreach (var item in process.Items)
        {
            var mark = writer.BeginLengthPrefixed();
            _item.WriteInputs(item, writer);
            writer.EndLengthPrefixed(mark);
        }

        writer.EndLengthPrefixed(items);
    }

    /// <inheritdoc />
    public override MapChunk<TItem> ReadInputs(ref ProcessReader reader)
    {
        var collectErrors = false;
        TItem[]? items = null;
        for (var count = reader.ReadSectionHeader(); count > 0; count--)
        {
            var member = reader.ReadSectionMember("inputs", out var name);
            switch (name)
            {
                case "collect_errors":
                    collectErrors = member.ReadBoolean();
                    member.EnsureAtEnd();
                    break;
                case "items":
                    items = ReadItems(ref member);
                    break;
            }
        }

        return new MapChunk<TItem>(items ?? throw new ProcessSerializationException($"The inputs of {Name} have no items.", reader.Offset), collectErrors);
    }

    /// <inheritdoc />
    public override void WriteOutputs(MapChunk<TItem> process, ProcessWriter writer)
    {
        writer.WriteSectionHeader(1);
        writer.WriteMemberName("items");
        var items = writer.BeginLengthPrefixed();
        writer.WriteCollectionHeader(process.Items.Length);
        for (var index = 0; index < process.Items.Length; index++)
        {
            var mark = writer.BeginLengthPrefixed();
            if (index >= process.Finished)
            {
                // Not run yet (the chunk's first checkpoint): no outputs to keep.
                writer.WriteByte(NotRun);
            }
            else if (process.Failures[index] is { } failure)
            {
                writer.WriteByte(Failed);
                WriteFailure(writer, failure);
            }
            else
            {
                writer.WriteByte(Succeeded);
                _item.WriteOutputs(process.Items[index], writer);
            }

            writer.EndLengthPrefixed(mark);
        }

        writer.EndLengthPrefixed(items);
    }

    /// <inheritdoc />
    public override void ReadOutputs(MapChunk<TItem> process, ref ProcessReader reader)
    {
        for (var count = reader.ReadSectionHeader(); count > 0; count--)
        {
            var member = reader.ReadSectionMember("outputs", out var name);
            if (name != "items")
            {
                continue;
            }

            if (!member.TryReadCollectionHeader(out var length, minimumElementSize: 4) || length != process.Items.Length)
            {
                throw new ProcessSerializationException($"The outputs of {Name} hold {length} items; its inputs hold {process.Items.Length}.", member.Offset, "outputs.items");
            }

            for (var index = 0; index < length; index++)
            {
                var item = member.ReadLengthPrefixed();
                try
                {
                    switch (item.ReadByte())
                    {
                        case Succeeded:
                            _item.ReadOutputs(process.Items[index], ref item);
                            process.Failures[index] = null;
                            process.Finished = index + 1;
                            break;
                        case Failed:
                            process.Failures[index] = ReadFailure(ref item);
                            process.Finished = index + 1;
                            break;
                        case NotRun:
                            break;
                        default:
                            throw new ProcessSerializationException("The item's outcome is neither succeeded, failed nor not run.", item.Offset);
                    }
                }
                catch (ProcessSerializationException exception)
                {
                    throw exception.WithMemberPath(ItemPath(index, "outputs"));
                }
            }

            member.EnsureAtEnd();
        }
    }

    /// <inheritdoc />
    public override void WriteState(MapChunk<TItem> process, ProcessWriter writer) => writer.WriteSectionHeader(0);

    /// <inheritdoc />
    public override void ReadState(MapChunk<TItem> process, ref ProcessReader reader) =>
        reader.ReadSection("state", process, static (MapChunk<TItem> _, string _, ref ProcessReader _) => false);

    /// <inheritdoc />
    public override ValueTask RunAsync(MapChunk<TItem> process, TaskContext context) => process.RunAsync(_item, context);

    private TItem[] ReadItems(ref ProcessReader member)
    {
        if (!member.TryReadCollectionHeader(out var length, minimumElementSize: 4))
        {
            throw new ProcessSerializationException($"The items of {Name} are missing.", member.Offset, "inputs.items");
        }

        var items = new TItem[length];
        for (var index = 0; index < length; index++)
        {
            var item = member.ReadLengthPrefixed();
            try
            {
                items[index] = _item.ReadInputs(ref item);
                item.EnsureAtEnd();
            }
            catch (ProcessSerializationException exception)
            {
                throw exception.WithMemberPath(ItemPath(index, "inputs"));
            }
        }

        member.EnsureAtEnd();
        return items;
    }

    private static void WriteFailure(ProcessWriter writer, MapChunkItemFailure failure)
    {
        writer.WriteByte((byte)failure.State);
        writer.WriteBoolean(failure.Id is not null);
        if (failure.Id is { } id)
        {
            writer.WriteGuid(id.Value);
        }

        ErrorInfoCodec.Write(writer, failure.Error);
        writer.WriteBoolean(failure.ExitCode is not null);
        writer.WriteInt32(failure.ExitCode ?? 0);
        writer.WriteString(failure.Message);
        writer.WriteDateTimeOffset(failure.FailedAt);
        writer.WriteGuid(failure.ChunkId.Value);
    }

    private static MapChunkItemFailure ReadFailure(ref ProcessReader reader)
    {
        var state = (ProcessState)reader.ReadByte();
        if (state is not (ProcessState.Excepted or ProcessState.Killed or ProcessState.Finished))
        {
            throw new ProcessSerializationException($"A failed item cannot have ended {state}.", reader.Offset - 1);
        }

        ProcessId? id = reader.ReadBoolean() ? new ProcessId(reader.ReadGuid()) : null;
        var error = ErrorInfoCodec.Read(ref reader);
        var hasExitCode = reader.ReadBoolean();
        var exitCode = reader.ReadInt32();
        var message = reader.ReadString();
        var failedAt = reader.ReadDateTimeOffset();
        return new MapChunkItemFailure(state, id, error, hasExitCode ? exitCode : null, message, failedAt, new ProcessId(reader.ReadGuid()));
    }

    /// <summary><c>inputs.items[3].x</c> for the item error <c>inputs.x</c>: which item of the chunk.</summary>
    private static string ItemPath(int index, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? path : path[..dot];
        var rest = dot < 0 ? string.Empty : path[dot..];
        return root + ".items[" + index.ToString(CultureInfo.InvariantCulture) + "]" + rest;
    }
}
