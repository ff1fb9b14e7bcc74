using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>
/// The method the generator calls on a process or task: a task's body or a process's outline.
/// A null <see cref="ReturnType"/> means <c>void</c>.
/// </summary>
internal sealed class EntryMethod
{
    public const string BodySignature = "ValueTask RunAsync(TaskContext context)";
    public const string OutlineSignature = "void DefineOutline(OutlineBuilder outline)";

    public EntryMethod(string name, INamedTypeSymbol? parameterType, INamedTypeSymbol? returnType, string signature)
    {
        Name = name;
        ParameterType = parameterType;
        ReturnType = returnType;
        Signature = signature;
    }

    public string Name { get; }

    public INamedTypeSymbol? ParameterType { get; }

    public INamedTypeSymbol? ReturnType { get; }

    public string Signature { get; }

    public bool Matches(IMethodSymbol method)
    {
        if (method.IsStatic || method.IsGenericMethod || method.Parameters.Length != 1)
        {
            return false;
        }

        var parameter = method.Parameters[0];
        if (parameter.RefKind != RefKind.None || !SymbolEqualityComparer.Default.Equals(parameter.Type, ParameterType))
        {
            return false;
        }

        return ReturnType is null
            ? method.ReturnsVoid
            : SymbolEqualityComparer.Default.Equals(method.ReturnType, ReturnType);
    }
}
