namespace Processes.Runtime;

/// <summary>Binds the untyped runtime to one process type's generated descriptor.</summary>
internal sealed class ProcessAdapter<TProcess> : IProcessAdapter
    where TProcess : class
{
    private readonly ProcessDescriptor<TProcess> _descriptor;

    public ProcessAdapter(ProcessDescriptor<TProcess> descriptor) => _descriptor = descriptor;

    public ProcessDescriptor Descriptor => _descriptor;

    public ProcessExecution Create(ProcessRuntime runtime, object process, ProcessSnapshot snapshot) =>
        new ProcessExecution<TProcess>(runtime, _descriptor, (TProcess)process, snapshot);

    public ProcessExecution Restore(ProcessRuntime runtime, ProcessSnapshot snapshot, CheckpointEnvelope.Sections sections) =>
        ProcessExecution<TProcess>.Restore(runtime, _descriptor, snapshot, sections);
}
