using System;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes;

/// <summary>
/// A task run inline that succeeded: its process (outputs set), the adapter that writes them, and
/// what its status says: a new id, finished with <see cref="ProcessExitCodes.Success"/>, created at <see cref="CreatedAt"/>.
/// </summary>
internal readonly record struct InlineRun(IProcessAdapter Adapter, object Process, string Name, DateTimeOffset CreatedAt)
{
    public void WriteOutputs(ProcessWriter writer) => Adapter.WriteOutputs(Process, writer);
}
