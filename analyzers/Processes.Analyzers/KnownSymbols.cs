using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>
/// The runtime's attribute and context types, resolved once per compilation. Analyzers bail out
/// when <see cref="TryCreate"/> returns null: a compilation that does not reference the runtime
/// has nothing to analyze.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol process, INamedTypeSymbol task)
    {
        Compilation = compilation;
        ProcessAttribute = process;
        TaskAttribute = task;
        InputAttribute = compilation.GetTypeByMetadataName("Processes.InputAttribute");
        OutputAttribute = compilation.GetTypeByMetadataName("Processes.OutputAttribute");
        PortNamespaceAttribute = compilation.GetTypeByMetadataName("Processes.PortNamespaceAttribute");
        ProcessDataAttribute = compilation.GetTypeByMetadataName("Processes.ProcessDataAttribute");
        SharedStateAttribute = compilation.GetTypeByMetadataName(Processes.Shared.SharedStateRules.AttributeName);
        SharedStateOperationAttribute = compilation.GetTypeByMetadataName(Processes.Shared.SharedStateRules.OperationAttributeName);
        TransientAttribute = compilation.GetTypeByMetadataName("Processes.TransientAttribute");
        ValidatorAttribute = compilation.GetTypeByMetadataName("Processes.ValidatorAttribute");
        ExposeInputsAttribute = compilation.GetTypeByMetadataName("Processes.ExposeInputsAttribute");
        ExposeOutputsAttribute = compilation.GetTypeByMetadataName("Processes.ExposeOutputsAttribute");
        TaskContext = compilation.GetTypeByMetadataName("Processes.TaskContext");
        StepContext = compilation.GetTypeByMetadataName("Processes.StepContext");
        ProcessContext = compilation.GetTypeByMetadataName("Processes.ProcessContext");
        OutlineBuilder = compilation.GetTypeByMetadataName("Processes.OutlineBuilder");
        ProcessRuntime = compilation.GetTypeByMetadataName("Processes.ProcessRuntime");
        ProcessClient = compilation.GetTypeByMetadataName("Processes.IProcessClient");
        ProcessId = compilation.GetTypeByMetadataName("Processes.ProcessId");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol ProcessAttribute { get; }

    public INamedTypeSymbol TaskAttribute { get; }

    public INamedTypeSymbol? InputAttribute { get; }

    public INamedTypeSymbol? OutputAttribute { get; }

    public INamedTypeSymbol? PortNamespaceAttribute { get; }

    public INamedTypeSymbol? ProcessDataAttribute { get; }

    public INamedTypeSymbol? SharedStateAttribute { get; }

    public INamedTypeSymbol? SharedStateOperationAttribute { get; }

    public INamedTypeSymbol? TransientAttribute { get; }

    public INamedTypeSymbol? ValidatorAttribute { get; }

    public INamedTypeSymbol? ExposeInputsAttribute { get; }

    public INamedTypeSymbol? ExposeOutputsAttribute { get; }

    public INamedTypeSymbol? TaskContext { get; }

    public INamedTypeSymbol? StepContext { get; }

    public INamedTypeSymbol? ProcessContext { get; }

    public INamedTypeSymbol? OutlineBuilder { get; }

    public INamedTypeSymbol? ProcessRuntime { get; }

    /// <summary>The client interface every transport implements.</summary>
    public INamedTypeSymbol? ProcessClient { get; }

    public INamedTypeSymbol? ProcessId { get; }

    public INamedTypeSymbol? ValueTask { get; }

    /// <summary>Resolves the runtime's symbols, or returns null when the runtime is not referenced.</summary>
    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        var process = compilation.GetTypeByMetadataName("Processes.ProcessAttribute");
        var task = compilation.GetTypeByMetadataName("Processes.TaskAttribute");
        return process is null || task is null ? null : new KnownSymbols(compilation, process, task);
    }

    /// <summary>Whether the type is marked <c>[Process]</c> or <c>[Task]</c>.</summary>
    public bool IsProcessOrTask(ITypeSymbol? type) => GetKind(type) is not null;

    /// <summary>
    /// Whether the generator compiles the property's validation attributes into checks: the
    /// [Input]/[Output] properties of a process or task, and the members of a [PortNamespace].
    /// </summary>
    public bool IsPort(IPropertySymbol property) =>
        Has(property.ContainingType, PortNamespaceAttribute)
        || (IsProcessOrTask(property.ContainingType) && (Has(property, InputAttribute) || Has(property, OutputAttribute)));

    /// <summary>"Process" or "Task" for a marked type (process wins when both are present), otherwise null.</summary>
    public string? GetKind(ITypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        string? kind = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ProcessAttribute))
            {
                return "Process";
            }

            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, TaskAttribute))
            {
                kind = "Task";
            }
        }

        return kind;
    }

    /// <summary>The innermost type around <paramref name="symbol"/> that is a process or task, if any.</summary>
    public INamedTypeSymbol? FindEnclosingProcess(ISymbol? symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        while (type is not null)
        {
            if (IsProcessOrTask(type))
            {
                return type;
            }

            type = type.ContainingType;
        }

        return null;
    }

    /// <summary>Whether the symbol carries the attribute.</summary>
    public static bool Has(ISymbol symbol, INamedTypeSymbol? attribute) => Find(symbol, attribute) is not null;

    /// <summary>The symbol's first application of the attribute, if any.</summary>
    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }
}
