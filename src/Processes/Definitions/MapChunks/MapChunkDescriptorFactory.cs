namespace Processes.Runtime;

/// <summary>
/// Builds the chunk descriptor of an item type known only by its descriptor (a registry asked
/// for a chunk type by name, e.g. to continue a chunk's checkpoint in a new OS process).
/// </summary>
internal sealed class MapChunkDescriptorFactory : IProcessDescriptorVisitor<ProcessDescriptor>
{
    public static MapChunkDescriptorFactory Instance { get; } = new();

    public ProcessDescriptor Visit<TProcess>(ProcessDescriptor<TProcess> descriptor)
        where TProcess : class =>
        MapChunkDescriptor<TProcess>.For(descriptor);
}
