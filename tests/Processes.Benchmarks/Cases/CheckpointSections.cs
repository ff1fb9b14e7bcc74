using Processes.Serialization;

namespace Processes.Benchmarks.Cases;

/// <summary>Calls a process type's generated serializer directly, as the runtime does for a checkpoint's three sections.</summary>
internal static class CheckpointSections
{
    public static void Write<TProcess>(TProcess process, ProcessWriter writer)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var descriptor = TProcess.Descriptor;
        descriptor.WriteInputs(process, writer);
        descriptor.WriteOutputs(process, writer);
        descriptor.WriteState(process, writer);
    }
}
