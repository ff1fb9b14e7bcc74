using Microsoft.CodeAnalysis;

namespace Processes.Shared;

/// <summary>Whether a type named in <c>[Retry(RetryOn = …)]</c> is an exception: one rule for the generator and PRC0040.</summary>
internal static class ExceptionTypes
{
    public static bool IsException(ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == "System.Exception")
            {
                return true;
            }
        }

        return false;
    }
}
