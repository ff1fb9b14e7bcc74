using System;

namespace Processes;

/// <summary>
/// Attaches a custom validator to a port, a port namespace type or a process class (the
/// whole input namespace). The named method is static, takes the value (for a namespace: the
/// namespace object; for a process: the process with its inputs set) and returns an error
/// message, or <see langword="null"/> when the value is valid. Validators run after the built-in
/// checks; namespace validators run after all of the namespace's ports.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = true)]
public sealed class ValidatorAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="methodName">The validator method, best given with <c>nameof</c>.</param>
    public ValidatorAttribute(string methodName) => MethodName = methodName;

    /// <summary>The name of the static validator method.</summary>
    public string MethodName { get; }
}
