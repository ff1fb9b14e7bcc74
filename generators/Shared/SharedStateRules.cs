using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Shared;

/// <summary>
/// What a <c>[SharedState]</c> class is made of: which members are its state, which of those an
/// update can change, and the name it is stored under. Compiled into the generator and the
/// analyzers, so a class the generator skips is one the analyzers report, with the same reason.
/// </summary>
internal static class SharedStateRules
{
    /// <summary>The attribute's metadata name.</summary>
    public const string AttributeName = "Processes.SharedStateAttribute";

    /// <summary>The metadata name of the attribute that marks a declared operation.</summary>
    public const string OperationAttributeName = "Processes.SharedStateOperationAttribute";

    /// <summary>True for a method marked <c>[SharedStateOperation]</c>.</summary>
    public static bool IsOperation(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
        && method.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == OperationAttributeName);

    /// <summary>
    /// Why the generator cannot write a typed call for an operation method, phrased to follow
    /// "because", or null when its shape is supported (its parameter and result types are checked
    /// separately, with the serializer's type rules). Synchronous-ness is <see cref="NotSynchronousReason"/>.
    /// </summary>
    public static string? OperationShapeReason(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type || !type.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == AttributeName))
        {
            return "its class is not marked [SharedState]";
        }

        if (method.IsStatic)
        {
            return "it is static; an operation runs on the state instance";
        }

        if (method.IsGenericMethod)
        {
            return "it is generic";
        }

        if (method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
        {
            return "it is not public or internal; its typed call is";
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "it returns by reference";
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return $"its parameter '{parameter.Name}' is {(parameter.IsParams ? "params" : "passed by reference")}; arguments are sent by value";
            }
        }

        var sameName = type.GetMembers(method.Name).Count(member => IsOperation(member));
        return sameName > 1 ? $"another operation of '{type.Name}' is also named '{method.Name}'; operations are sent by name" : null;
    }

    /// <summary>
    /// Why an operation method is not synchronous, phrased to follow "because", or null when it
    /// is: it runs under the state's lock, so it may not be async or return an awaitable.
    /// </summary>
    public static string? NotSynchronousReason(IMethodSymbol method)
    {
        if (method.IsAsync)
        {
            return "it is async";
        }

        var returnType = method.ReturnType.OriginalDefinition.ToDisplayString();
        return returnType is "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>"
            or "System.Collections.Generic.IAsyncEnumerable<T>"
            ? "it returns an awaitable; run the wait outside the operation"
            : null;
    }

    /// <summary>
    /// The blocking members an operation must not call (it runs under the state's lock, on the
    /// owner): their containing type's metadata name and member name.
    /// </summary>
    public static bool IsBlockingMember(ISymbol member)
    {
        var type = member.ContainingType?.OriginalDefinition.ToDisplayString();
        return (type, member.Name) switch
        {
            ("System.Threading.Thread", "Sleep" or "Join") => true,
            ("System.Threading.Tasks.Task", "Wait" or "WaitAll" or "WaitAny" or "Delay") => true,
            ("System.Threading.Tasks.Task<TResult>", "Wait" or "Result") => true,
            ("System.Threading.Tasks.ValueTask<TResult>", "Result") => true,
            ("System.Runtime.CompilerServices.TaskAwaiter" or "System.Runtime.CompilerServices.TaskAwaiter<TResult>"
                or "System.Runtime.CompilerServices.ValueTaskAwaiter" or "System.Runtime.CompilerServices.ValueTaskAwaiter<TResult>"
                or "System.Runtime.CompilerServices.ConfiguredTaskAwaitable.ConfiguredTaskAwaiter"
                or "System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TResult>.ConfiguredTaskAwaiter", "GetResult") => true,
            ("System.Threading.WaitHandle", "WaitOne" or "WaitAll" or "WaitAny") => true,
            ("System.Threading.SemaphoreSlim", "Wait") => true,
            ("System.Threading.ManualResetEventSlim" or "System.Threading.CountdownEvent" or "System.Threading.Barrier", "Wait" or "SignalAndWait") => true,
            ("System.Threading.Monitor", "Wait") => true,
            _ => false,
        };
    }

    /// <summary>True when generated code outside the class can name it (it and its containing types are public or internal): its registration is generated.</summary>
    public static bool IsVisibleToAssembly(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a member that is part of the state: a public instance field (not const) or a public instance property with a getter and a setter.</summary>
    public static bool IsStateMember(ISymbol member) =>
        !member.IsStatic && !member.IsImplicitlyDeclared && member.DeclaredAccessibility == Accessibility.Public
        && member switch
        {
            IFieldSymbol field => !field.IsConst && field.AssociatedSymbol is null,
            IPropertySymbol property => !property.IsIndexer && property.GetMethod is not null && property.SetMethod is not null,
            _ => false,
        };

    /// <summary>Why an update could not set a state member, phrased to follow "because", or null when it can.</summary>
    public static string? NotUpdatableReason(ISymbol member) => member switch
    {
        IFieldSymbol { IsReadOnly: true } => "it is readonly; an update must be able to set it",
        IPropertySymbol { SetMethod.IsInitOnly: true } => "its setter is init-only; use 'set'",
        _ => null,
    };

    /// <summary>The name the state is stored under: the attribute's <c>Name</c>, else the type's full metadata name.</summary>
    public static string StateName(INamedTypeSymbol type, AttributeData? attribute)
    {
        if (attribute is not null)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Name" && argument.Value.Value is string { Length: > 0 } name)
                {
                    return name;
                }
            }
        }

        var metadataName = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            metadataName = outer.MetadataName + "+" + metadataName;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? metadataName : ns.ToDisplayString() + "." + metadataName;
    }
}
