using System.Threading.Tasks;

namespace Processes.Benchmarks.Subjects;

/// <summary>The trivial task of task-inproc: the body is one multiplication, so the runtime's overhead is all that is measured.</summary>
[Task]
public partial class SquareTask
{
    [Input] public required int X { get; init; }

    [Output] public int Result { get; private set; }

    // The baseline runs exactly this body through Task.Run.
    internal static int Square(int x) => x * x;

    private ValueTask RunAsync(TaskContext context)
    {
        Result = Square(X);
        return default;
    }
}
