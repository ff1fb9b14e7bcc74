using System;
using System.IO;

namespace Processes.TestProcesses;

/// <summary>Adds in each step; its second step fails until <see cref="FixedWhenExists"/> exists (so a client can fix it across OS processes).</summary>
[Process]
public partial class RemoteFailsUntilFile
{
    [Input] public required string FixedWhenExists { get; init; }
    [Output] public int Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(First).Step(Second);

    private void First() => Total += 1;

    private void Second()
    {
        Total += 10;
        if (!File.Exists(FixedWhenExists))
        {
            throw new InvalidOperationException("not fixed yet");
        }
    }
}
