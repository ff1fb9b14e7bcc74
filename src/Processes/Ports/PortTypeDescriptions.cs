using System;

namespace Processes.Ports;

/// <summary>Short, C#-like names of runtime values' types, for "expected X, got Y" messages.</summary>
internal static class PortTypeDescriptions
{
    /// <summary>The C# keyword for common types, otherwise the type's simple name without generic arity.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string => "string",
        int => "int",
        long => "long",
        double => "double",
        float => "float",
        decimal => "decimal",
        bool => "bool",
        short => "short",
        byte => "byte",
        sbyte => "sbyte",
        ushort => "ushort",
        uint => "uint",
        ulong => "ulong",
        char => "char",
        _ => SimpleName(value.GetType()),
    };

    private static string SimpleName(Type type)
    {
        // Type.Name is metadata, not member reflection, and stays available under Native AOT.
        var name = type.Name;
        var arity = name.IndexOf('`', StringComparison.Ordinal);
        return arity < 0 ? name : name.Substring(0, arity);
    }
}
