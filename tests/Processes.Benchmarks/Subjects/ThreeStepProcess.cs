using System.Collections.Generic;
using MemoryPack;

namespace Processes.Benchmarks.Subjects;

/// <summary>The process of process-steps: three cheap steps over a small state, checkpointed after each.</summary>
[Process]
public partial class ThreeStepProcess
{
    [Input] public required int Seed { get; init; }

    [Input] public string Label { get; init; } = "three steps";

    [Output] public long Total { get; private set; }

    private long _accumulator;
    private int _stepsDone;
    private List<int> _history = new();

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Start)
        .Step(Grow)
        .Step(Finish);

    // Internal, not private: the baseline calls the step bodies directly.
    internal void Start()
    {
        _accumulator = Seed;
        _history.Add(Seed);
        _stepsDone++;
    }

    internal void Grow()
    {
        _accumulator = (_accumulator * 31) + Label.Length;
        _history.Add((int)_accumulator);
        _stepsDone++;
    }

    internal void Finish()
    {
        Total = _accumulator + _stepsDone;
        _stepsDone++;
    }

    /// <summary>Copies the whole instance (inputs, outputs, state) into <paramref name="state"/>: the baseline's checkpoint.</summary>
    internal void CopyTo(ThreeStepState state)
    {
        state.Seed = Seed;
        state.Label = Label;
        state.Total = Total;
        state.Accumulator = _accumulator;
        state.StepsDone = _stepsDone;
        state.History = _history;
    }
}

/// <summary>
/// process-steps' MemoryPack baseline: everything a <see cref="ThreeStepProcess"/> checkpoint holds
/// (its inputs, output and fields), serialized with MemoryPack after each step.
/// </summary>
[MemoryPackable]
public partial class ThreeStepState
{
    public int Seed { get; set; }
    public string? Label { get; set; }
    public long Total { get; set; }
    public long Accumulator { get; set; }
    public int StepsDone { get; set; }
    public List<int>? History { get; set; }
}
