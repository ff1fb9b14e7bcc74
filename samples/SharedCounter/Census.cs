using System.Collections.Generic;
using System.Threading.Tasks;
using Processes;

namespace SharedCounter;

/// <summary>The census the tasks share: the total, and how many each task has added (so a task rerun after a crash adds only what is missing).</summary>
[SharedState(Name = "samples.census")]
public partial class Census
{
    public long Count { get; set; }

    public Dictionary<string, int> AddedBy { get; set; } = new();

    /// <summary>
    /// Adds one for <paramref name="name"/> unless it has added its <paramref name="share"/>
    /// already; returns how many it has added now, or -1 when it was done. A declared operation:
    /// it runs on the owner of the state under its lock, once per call (from a client over the
    /// pipe too: <c>client.SharedStates.UpdateAsync("city", Census.Operations.AddOne(name, share))</c>).
    /// </summary>
    [SharedStateOperation]
    public int AddOne(string name, int share)
    {
        var done = AddedBy.GetValueOrDefault(name);
        if (done >= share)
        {
            return -1;
        }

        // The task's own progress and the total change in the same update: after a crash the
        // rerun task picks up exactly where its last acknowledged update left it.
        AddedBy[name] = done + 1;
        Count++;
        return done + 1;
    }
}

/// <summary>Adds one to the census, <see cref="Share"/> times in all under its <see cref="Name"/>, one atomic update at a time.</summary>
[Task]
public partial class CountTask
{
    [Input] public required string Name { get; init; }
    [Input] public required int Share { get; init; }
    [Output] public int Added { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        while (true)
        {
            var added = await context.SharedStates.UpdateAsync("city", Census.Operations.AddOne(Name, Share), context.CancellationToken);
            if (added < 0)
            {
                return;
            }

            Added = added;
        }
    }
}
