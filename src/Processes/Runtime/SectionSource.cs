using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>The three generated sections of a checkpoint.</summary>
internal enum SectionKind
{
    Inputs,
    Outputs,
    State,
}

/// <summary>Something that can serialize a process's sections on demand (the execution, from its live instance).</summary>
internal interface ISectionSource
{
    /// <summary>The process's type, whose name and outline fingerprint the envelope writes from their cached UTF-8 bytes.</summary>
    ProcessDescriptor Descriptor { get; }

    void WriteSection(SectionKind kind, ProcessWriter writer);
}
