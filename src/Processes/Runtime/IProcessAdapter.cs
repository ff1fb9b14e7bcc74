using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>The runtime's untyped view of a descriptor: creates executions without knowing the process type.</summary>
internal interface IProcessAdapter
{
    ProcessDescriptor Descriptor { get; }

    /// <summary>
    /// Creates an execution for an instance built from untyped inputs; <paramref name="isRun"/>
    /// marks it <see cref="ProcessExecution.IsRun"/> (its checkpoints go once it succeeds).
    /// </summary>
    ProcessExecution Create(ProcessRuntime runtime, object process, ProcessSnapshot snapshot, bool isRun);

    /// <summary>Rebuilds an execution from a checkpoint.</summary>
    ProcessExecution Restore(ProcessRuntime runtime, ProcessSnapshot snapshot, CheckpointEnvelope.Sections sections);

    /// <summary>Creates an instance from a serialized inputs section (a worker receiving a launch by name).</summary>
    object ReadInputs(ReadOnlySpan<byte> inputs);

    /// <summary>Checks an instance's inputs and returns every error.</summary>
    IReadOnlyList<PortError> ValidateInputs(object process);

    /// <summary>Writes the inputs section of the process behind a handle of this type.</summary>
    void WriteInputs(ProcessHandle handle, ProcessWriter writer);

    /// <summary>Writes the outputs section of the process behind a handle of this type.</summary>
    void WriteOutputs(ProcessHandle handle, ProcessWriter writer);

    /// <summary>Writes the outputs section of an instance of this type.</summary>
    void WriteOutputs(object process, ProcessWriter writer);

    /// <summary>Runs a task inline (see <see cref="ProcessRuntime.RunAsync{TProcess}(TProcess, System.Threading.CancellationToken)"/>) and returns the instance with its outputs.</summary>
    ValueTask<object> RunInlineAsync(ProcessRuntime runtime, object process, CancellationToken cancellationToken);
}
