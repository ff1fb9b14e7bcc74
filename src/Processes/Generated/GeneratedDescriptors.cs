using System.ComponentModel;

namespace Processes.Generated;

/// <summary>Helpers the generated registration code calls. Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedDescriptors
{
    /// <summary>The descriptor of a process type, read through its <see cref="IProcessDefinition{TSelf}"/> implementation.</summary>
    public static ProcessDescriptor<T> Of<T>()
        where T : class, IProcessDefinition<T> =>
        T.Descriptor;
}
