namespace Processes;

/// <summary>Receives a descriptor with its process type as a type argument (see <see cref="ProcessDescriptor.Accept{TResult}"/>).</summary>
/// <typeparam name="TResult">What the visitor returns.</typeparam>
internal interface IProcessDescriptorVisitor<out TResult>
{
    /// <summary>Called with the typed descriptor.</summary>
    TResult Visit<TProcess>(ProcessDescriptor<TProcess> descriptor)
        where TProcess : class;
}
