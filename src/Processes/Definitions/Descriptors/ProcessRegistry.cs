using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Processes;

/// <summary>
/// Maps process names to descriptors so the runtime (or a worker) can create a process by name
/// without reflection. Generated module initializers register every <c>[Process]</c> and
/// <c>[Task]</c> of an assembly in <see cref="Global"/> when the assembly loads.
/// </summary>
public sealed partial class ProcessRegistry
{
    private readonly ConcurrentDictionary<string, ProcessDescriptor> _descriptors = new(StringComparer.Ordinal);

    // Built on first request, apart from the registered types: Descriptors lists what users declared.
    private readonly ConcurrentDictionary<string, ProcessDescriptor> _chunkDescriptors = new(StringComparer.Ordinal);

    /// <summary>The registry generated code registers into.</summary>
    public static ProcessRegistry Global { get; } = new();

    /// <summary>Every registered descriptor.</summary>
    public IEnumerable<ProcessDescriptor> Descriptors => _descriptors.Values;

    /// <summary>Registers a descriptor. Registering the same descriptor twice is harmless; another under the same name is an error.</summary>
    public void Register(ProcessDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var existing = _descriptors.GetOrAdd(descriptor.Name, descriptor);
        if (!ReferenceEquals(existing, descriptor) && existing.GetType() != descriptor.GetType())
        {
            throw new InvalidOperationException($"Two process types are registered as '{descriptor.Name}'. Give one of them another name with [Process(Name = ...)] or [Task(Name = ...)].");
        }
    }

    /// <summary>
    /// Registers a descriptor under another name as well: checkpoints written under
    /// <paramref name="name"/> (for example before the process was renamed) are continued with
    /// <paramref name="descriptor"/>, and saved under its own name from then on. Another
    /// descriptor already registered under <paramref name="name"/> is an error.
    /// </summary>
    public ProcessRegistry RegisterAlias(string name, ProcessDescriptor descriptor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(descriptor);
        var existing = _descriptors.GetOrAdd(name, descriptor);
        if (!ReferenceEquals(existing, descriptor) && existing.GetType() != descriptor.GetType())
        {
            throw new InvalidOperationException($"'{name}' is already registered for {existing.Name}; it cannot also stand for {descriptor.Name}.");
        }

        return this;
    }

    /// <summary>
    /// Registers a process type explicitly. Generated module initializers already register every
    /// type when its assembly is first used; a host that creates processes by name (a worker)
    /// calls this for the types it serves, so they are known before the first request arrives.
    /// </summary>
    public ProcessRegistry Register<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess>
    {
        Register(TProcess.Descriptor);
        return this;
    }

    /// <summary>
    /// Finds a descriptor by name: a registered type, or the chunk type of a chunked map over a
    /// registered type (<see cref="MapOptions.ChunkSize"/>), built from the item type's descriptor.
    /// </summary>
    public bool TryGet(string name, out ProcessDescriptor descriptor)
    {
        if (_descriptors.TryGetValue(name, out descriptor!) || _chunkDescriptors.TryGetValue(name, out descriptor!))
        {
            return true;
        }

        if (Runtime.MapChunkNames.TryGetItemName(name, out var itemName) && TryGet(itemName, out var item))
        {
            descriptor = _chunkDescriptors.GetOrAdd(name, item.Accept(Runtime.MapChunkDescriptorFactory.Instance));
            return true;
        }

        return false;
    }

    /// <summary>Finds a descriptor by name or throws <see cref="UnknownProcessTypeException"/>.</summary>
    public ProcessDescriptor Get(string name) =>
        TryGet(name, out var descriptor) ? descriptor : throw new UnknownProcessTypeException(name);
}
