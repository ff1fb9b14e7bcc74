using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>A type the serializer cannot handle and the member path (<c>Relax.Options.Solver.Handle</c>) that reaches it.</summary>
internal sealed class UnsupportedMember
{
    public UnsupportedMember(ITypeSymbol type, string path)
    {
        Type = type;
        Path = path;
    }

    public ITypeSymbol Type { get; }

    public string Path { get; }
}
