using System.Collections.Generic;
using System.Threading.Tasks;
using MemoryPack;

namespace Processes.Benchmarks.Subjects;

/// <summary>
/// The process of process-scale: its first step waits on a gate shared by every instance, so all
/// of them are alive at once; then two cheap steps. Checkpointed after each step.
/// </summary>
[Process]
public partial class GatedProcess
{
    /// <summary>Opened by process-scale once every instance has started.</summary>
    internal static TaskCompletionSource Gate { get; set; } = new();

    [Input] public required int Seed { get; init; }

    [Output] public long Total { get; private set; }

    private long _accumulator;
    private List<int> _history = new();

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(WaitAsync)
        .Step(Grow)
        .Step(Finish);

    internal ValueTask WaitAsync()
    {
        _accumulator = Seed;
        _history.Add(Seed);
        return new ValueTask(Gate.Task);
    }

    internal void Grow()
    {
        _accumulator = (_accumulator * 31) + 7;
        _history.Add((int)_accumulator);
    }

    internal void Finish() => Total = _accumulator + _history.Count;

    /// <summary>The baseline's checkpoint: the instance's inputs, output and fields.</summary>
    internal void CopyTo(GatedState state)
    {
        state.Seed = Seed;
        state.Total = Total;
        state.Accumulator = _accumulator;
        state.History = _history;
    }
}

/// <summary>process-scale's baseline checkpoint of a <see cref="GatedProcess"/>, serialized with MemoryPack.</summary>
[MemoryPackable]
public partial class GatedState
{
    public int Seed { get; set; }
    public long Total { get; set; }
    public long Accumulator { get; set; }
    public List<int>? History { get; set; }
}
