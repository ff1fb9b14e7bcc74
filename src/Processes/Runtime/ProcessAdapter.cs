namespace Processes.Runtime;

/// <summary>Binds the untyped runtime to one process type's generated descriptor.</summary>
internal sealed class ProcessAdapter<TProcess> : IProcessAdapter
    where TProcess : class
{
    public ProcessAdapter(ProcessDescriptor<TProcess> descriptor) => TypedDescriptor = descriptor;

    public ProcessDescriptor<TProcess> TypedDescriptor { get; }

    public ProcessDescriptor Descriptor => TypedDescriptor;
}
