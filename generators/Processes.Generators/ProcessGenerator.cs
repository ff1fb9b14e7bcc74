using Microsoft.CodeAnalysis;

namespace Processes.Generators;

/// <summary>Generates descriptors, validation and serializers for [Process] and [Task] classes.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ProcessGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
