using System.Threading.Tasks;
using Processes;

namespace PoolSample;

/// <summary>A small CPU-bound task: squares X the slow way (repeated addition), so it does some work.</summary>
[Task]
public partial class Square
{
    /// <summary>The number to square.</summary>
    [Input] public required int X { get; init; }

    /// <summary>X squared.</summary>
    [Output] public long Result { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        long sum = 0;
        for (var i = 0; i < X; i++)
        {
            sum += X;
        }

        Result = sum;
        return default;
    }
}
