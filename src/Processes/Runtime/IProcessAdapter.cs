namespace Processes.Runtime;

/// <summary>The runtime's untyped view of a descriptor: creates executions without knowing the process type.</summary>
internal interface IProcessAdapter
{
    ProcessDescriptor Descriptor { get; }

    /// <summary>Creates an execution for an instance built from untyped inputs.</summary>
    ProcessExecution Create(ProcessRuntime runtime, object process, ProcessSnapshot snapshot);

    /// <summary>Rebuilds an execution from a checkpoint.</summary>
    ProcessExecution Restore(ProcessRuntime runtime, ProcessSnapshot snapshot, CheckpointEnvelope.Sections sections);
}
