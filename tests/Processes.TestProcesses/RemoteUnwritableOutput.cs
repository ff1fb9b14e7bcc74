using System;
using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>Data whose property throws <see cref="InvalidOperationException"/> when read, so it cannot be serialized.</summary>
[ProcessData]
public partial class UnwritableReport
{
    /// <summary>Throws once <see cref="Broken"/> is set (as a collection modified during serialization would).</summary>
    public int Value
    {
        get => Broken ? throw new InvalidOperationException("UnwritableReport.Value cannot be read.") : field;
        set;
    }

    internal bool Broken { get; set; }
}

/// <summary>A task whose output fails to serialize on the worker: the client must get an error reply, not wait forever.</summary>
[Task]
public partial class RemoteUnwritableOutput
{
    [Input]
    public int Value { get; init; }

    [Output]
    public UnwritableReport? Report { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        _ = context;
        Report = new UnwritableReport { Value = Value, Broken = true };
        return default;
    }
}
