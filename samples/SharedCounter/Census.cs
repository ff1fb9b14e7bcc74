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
            // The task's own progress and the total change in the same update: after a crash the
            // rerun task picks up exactly where its last acknowledged update left it.
            var added = await context.SharedStates.UpdateAsync<Census, int>("city", census =>
            {
                var done = census.AddedBy.GetValueOrDefault(Name);
                if (done >= Share)
                {
                    return -1;
                }

                census.AddedBy[Name] = done + 1;
                census.Count++;
                return done + 1;
            }, context.CancellationToken);
            if (added < 0)
            {
                return;
            }

            Added = added;
        }
    }
}
