using Microsoft.CodeAnalysis;

namespace Processes.Shared;

/// <summary>A type the serializer cannot handle and the member path (<c>Relax.Options.Solver.Handle</c>) that reaches it.</summary>
internal sealed class UnsupportedMember
{
    public UnsupportedMember(ITypeSymbol type, string path, string? memoryPackReason = null)
    {
        Type = type;
        Path = path;
        MemoryPackReason = memoryPackReason;
    }

    public ITypeSymbol Type { get; }

    public string Path { get; }

    /// <summary>
    /// When <see cref="Type"/> is a <c>[MemoryPackable]</c> type the SDK's codec cannot handle, why
    /// (following "because it"); reported as PRC0037 instead of the generic unsupported-type rule.
    /// </summary>
    public string? MemoryPackReason { get; }
}
