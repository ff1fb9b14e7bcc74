using System.Collections.Generic;
using System.Threading.Tasks;

namespace Processes.Tests.SharedStates;

/// <summary>A census many updaters share.</summary>
[SharedState]
public partial class Tally
{
    public int Count { get; set; }

    public string Label { get; set; } = "new";

    public List<string> Seen { get; set; } = new();

    /// <summary>A declared operation with arguments and a result: adds people seen in a city.</summary>
    [SharedStateOperation]
    public int Add(string city, int people)
    {
        // Read-modify-write with a pause in between: loses updates unless operations run one at a time.
        var count = Count;
        System.Threading.Thread.SpinWait(20);
        Count = count + people;
        Seen.Add(city);
        return Count;
    }

    /// <summary>A declared operation that returns nothing.</summary>
    [SharedStateOperation]
    public void Rename(string label) => Label = label;

    /// <summary>A declared operation that fails after changing the state: nothing is kept.</summary>
    [SharedStateOperation]
    public List<string> AddThenFail(int people)
    {
        Count += people;
        throw new System.InvalidOperationException("refused " + people);
    }

    /// <summary>A declared operation whose result is the state's own list: the caller gets a copy.</summary>
    [SharedStateOperation]
    internal List<string> SeenSoFar() => Seen;
}

/// <summary>Version 1 of a renamed state: stored under a fixed name.</summary>
[SharedState(Name = "tests.board")]
public partial class BoardV1
{
    public int Count { get; set; }

    public string Owner { get; set; } = "";
}

/// <summary>Version 2 of the same stored state: Owner removed, Notes added.</summary>
[SharedState(Name = "tests.board")]
public partial class BoardV2
{
    public int Count { get; set; }

    public string Notes { get; set; } = "none";
}

/// <summary>A task that adds its amount to a tally through its context.</summary>
[Task]
public partial class AddToTally
{
    [Input] public required string Key { get; init; }
    [Input] public int Times { get; init; } = 1;
    [Output] public int Last { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        for (var i = 0; i < Times; i++)
        {
            Last = await context.SharedStates.UpdateAsync<Tally, int>(Key, tally => ++tally.Count, context.CancellationToken);
        }
    }
}

/// <summary>A process whose step waits until a tally reaches a target, then records what it saw.</summary>
[Process]
public partial class AwaitTally
{
    [Input] public required string Key { get; init; }
    [Input] public required int Target { get; init; }
    [Output] public int Seen { get; private set; }
    [Output] public string Writer { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Wait).Step(Mark);

    private async ValueTask Wait(StepContext context)
    {
        var snapshot = await context.SharedStates.WaitUntilAsync<Tally>(Key, tally => tally.Count >= Target, cancellationToken: context.CancellationToken);
        Seen = snapshot.State.Count;
    }

    private async ValueTask Mark(StepContext context)
    {
        await context.SharedStates.UpdateAsync<Tally>(Key, tally => tally.Label = "reached");
        Writer = context.SharedStates.Writer;
    }
}

/// <summary>A process whose outline waits (Waiting, no thread) until a tally reaches a target, between two steps.</summary>
[Process]
public partial class OutlineAwaitTally
{
    [Input] public required string Key { get; init; }
    [Input] public required int Target { get; init; }
    [Output] public int Seen { get; private set; }
    [Output] public int Steps { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Start)
        .WaitForState<Tally>(Key, tally => tally.Count >= Target)
        .Step(Finish);

    private void Start() => Steps++;

    private async ValueTask Finish(StepContext context)
    {
        Seen = (await context.SharedStates.GetAsync<Tally>(Key)).State.Count;
        Steps++;
    }
}

/// <summary>A process whose outline waits for a tally at most <see cref="TimeoutSeconds"/>: the deadline is durable.</summary>
[Process]
public partial class OutlineAwaitTallyWithin
{
    [Input] public required string Key { get; init; }
    [Input] public required int Target { get; init; }
    [Input] public required double TimeoutSeconds { get; init; }
    [Output] public int Seen { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline
        .WaitForState<Tally>(Key, tally => tally.Count >= Target, System.TimeSpan.FromSeconds(TimeoutSeconds))
        .Step(Finish);

    private async ValueTask Finish(StepContext context) =>
        Seen = (await context.SharedStates.GetAsync<Tally>(Key)).State.Count;
}
