using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Processes.Shared;

/// <summary>A type's <c>[Concurrency]</c> and <c>[SingleInstance]</c>, read once for the generator (what to emit) and PRC0041 (what to report).</summary>
internal sealed class ConcurrencyDeclaration
{
    public int? MaxRunning { get; set; }

    public bool SingleInstance { get; set; }

    /// <summary>The key inputs' C# property names, in the attribute's order.</summary>
    public List<string> KeyInputs { get; } = new();

    /// <summary>True for <c>OnDuplicate = DuplicatePolicy.Reject</c>.</summary>
    public bool Reject { get; set; }

    /// <summary>Every rule the declaration breaks; the generator emits nothing of a declaration with errors.</summary>
    public List<ConcurrencyError> Errors { get; } = new();
}

/// <summary>One broken rule: the attribute that breaks it, its short name and a sentence.</summary>
internal sealed class ConcurrencyError
{
    public ConcurrencyError(AttributeData attribute, string attributeName, string message)
    {
        Attribute = attribute;
        AttributeName = attributeName;
        Message = message;
    }

    public AttributeData Attribute { get; }

    public string AttributeName { get; }

    public string Message { get; }
}

/// <summary>The rules of the concurrency attributes: one home for the generator and the analyzer.</summary>
internal static class ConcurrencyDeclarations
{
    private const string ConcurrencyAttribute = "Processes.ConcurrencyAttribute";
    private const string SingleInstanceAttribute = "Processes.SingleInstanceAttribute";
    private const string InputAttribute = "Processes.InputAttribute";

    /// <summary>The declaration on <paramref name="type"/>, or null when it has neither attribute.</summary>
    public static ConcurrencyDeclaration? Read(INamedTypeSymbol type)
    {
        ConcurrencyDeclaration? declaration = null;
        foreach (var attribute in type.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case ConcurrencyAttribute:
                    declaration ??= new ConcurrencyDeclaration();
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int maxRunning)
                    {
                        if (maxRunning < 1)
                        {
                            declaration.Errors.Add(new ConcurrencyError(attribute, "Concurrency", $"MaxRunning must be at least 1, but was {maxRunning}"));
                        }
                        else
                        {
                            declaration.MaxRunning = maxRunning;
                        }
                    }

                    break;
                case SingleInstanceAttribute:
                    declaration ??= new ConcurrencyDeclaration();
                    declaration.SingleInstance = true;
                    ReadSingleInstance(type, attribute, declaration);
                    break;
            }
        }

        return declaration;
    }

    private static void ReadSingleInstance(INamedTypeSymbol type, AttributeData attribute, ConcurrencyDeclaration declaration)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "OnDuplicate" && argument.Value.Value is int policy)
            {
                declaration.Reject = policy == 1;
            }
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array)
        {
            return;
        }

        foreach (var value in attribute.ConstructorArguments[0].Values)
        {
            var name = value.Value as string;
            if (string.IsNullOrEmpty(name))
            {
                declaration.Errors.Add(new ConcurrencyError(attribute, "SingleInstance", "a key input name is empty"));
            }
            else if (declaration.KeyInputs.Contains(name!))
            {
                declaration.Errors.Add(new ConcurrencyError(attribute, "SingleInstance", $"the key input '{name}' is named twice"));
            }
            else if (!IsInput(type, name!))
            {
                declaration.Errors.Add(new ConcurrencyError(attribute, "SingleInstance", $"the key input '{name}' is not an [Input] property of '{type.Name}'"));
            }
            else
            {
                declaration.KeyInputs.Add(name!);
            }
        }
    }

    private static bool IsInput(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol { IsStatic: false } property)
            {
                foreach (var attribute in property.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == InputAttribute)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
