using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>The result payload of a task run inline: its status (a new id, finished) with no inputs section, then its outputs.</summary>
internal sealed class InlineRunReply(InlineRun run)
{
    public void Write(ProcessWriter writer)
    {
        WireCodec.WriteFinishedStatus(writer, ProcessId.New(), run.Name, run.CreatedAt, ProcessExitCodes.Success);
        writer.WriteBoolean(false);
        var outputs = writer.BeginLengthPrefixed();
        run.WriteOutputs(writer);
        writer.EndLengthPrefixed(outputs);
    }
}
