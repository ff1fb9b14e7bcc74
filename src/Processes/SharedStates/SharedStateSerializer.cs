using System;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>Turns a state into its section bytes and back, with the class's generated serializer.</summary>
internal static class SharedStateSerializer
{
    public static byte[] Write<TState>(TState state)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(state);
        using var writer = new ProcessWriter(128);
        TState.WriteState(writer, state);
        return writer.ToArray();
    }

    /// <summary>A new instance from <paramref name="data"/>; the initial state when null.</summary>
    public static TState Read<TState>(ReadOnlySpan<byte> data, bool hasData)
        where TState : class, ISharedState<TState>
    {
        if (!hasData)
        {
            return TState.CreateInitial();
        }

        var reader = new ProcessReader(data);
        var state = TState.ReadState(ref reader);
        reader.EnsureAtEnd();
        return state;
    }

    public static TState Read<TState>(SharedStateVersion version)
        where TState : class, ISharedState<TState> =>
        Read<TState>(version.Data, version.Data is not null);
}
