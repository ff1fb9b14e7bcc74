using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>The task types whose blocking members PRC0022 looks for, resolved once per compilation.</summary>
internal sealed class TaskTypes
{
    private readonly INamedTypeSymbol _task;
    private readonly INamedTypeSymbol? _taskOfT;
    private readonly INamedTypeSymbol? _valueTask;
    private readonly INamedTypeSymbol? _valueTaskOfT;

    private TaskTypes(Compilation compilation, INamedTypeSymbol task)
    {
        _task = task;
        _taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        _valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        _valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
    }

    public INamedTypeSymbol? Thread { get; }

    public static TaskTypes? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.Threading.Tasks.Task") is { } task ? new TaskTypes(compilation, task) : null;

    /// <summary>Whether the type is <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    public bool IsTask(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, _task)
            || SymbolEqualityComparer.Default.Equals(definition, _taskOfT)
            || SymbolEqualityComparer.Default.Equals(definition, _valueTask)
            || SymbolEqualityComparer.Default.Equals(definition, _valueTaskOfT);
    }
}
