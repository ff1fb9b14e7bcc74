using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>A shared census served by the test worker.</summary>
[SharedState(Name = "tests.remote-tally")]
public partial class RemoteTally
{
    public long Count { get; set; }

    public string Note { get; set; } = "";

    /// <summary>Counts how many times an operation ran here.</summary>
    public int Runs { get; set; }

    /// <summary>A declared operation: runs on the worker, once per call, with its arguments; returns the count after it.</summary>
    [SharedStateOperation]
    public long Add(long amount, string note)
    {
        var count = Count;
        System.Threading.Thread.SpinWait(50);
        Count = count + amount;
        Note = note;
        Runs++;
        return Count;
    }

    /// <summary>A declared operation the worker refuses.</summary>
    [SharedStateOperation]
    public void Fail(string message) => throw new System.InvalidOperationException(message);
}

/// <summary>Adds one to a <see cref="RemoteTally"/> <see cref="Times"/> times, on the worker, through its context.</summary>
[Task]
public partial class IncrementTally
{
    [Input] public required string Key { get; init; }
    [Input] public int Times { get; init; } = 1;
    [Output] public long Last { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        for (var i = 0; i < Times; i++)
        {
            Last = await context.SharedStates.UpdateAsync<RemoteTally, long>(Key, tally => ++tally.Count, context.CancellationToken);
        }
    }
}
