namespace Processes.Generators.Models;

/// <summary>A port copied from a child by <c>[ExposeInputs]</c> or <c>[ExposeOutputs]</c>.</summary>
/// <param name="Port">The port as the parent declares it: the child's member name, port name, type and facts, with checks that call the child's spec.</param>
/// <param name="IsRequiredMember">True when the generated property is C# <c>required</c>.</param>
internal sealed record ExposedPortModel(PortModel Port, bool IsRequiredMember);

/// <summary>A parameter of a generated child-building method: a required input of the child that is not exposed.</summary>
/// <param name="MemberName">The child's property.</param>
/// <param name="ParameterName">The parameter name (camelCase, escaped when a keyword).</param>
/// <param name="TypeName">The <c>global::</c> type name.</param>
internal sealed record ParameterModel(string MemberName, string ParameterName, string TypeName);

/// <summary>One <c>[ExposeInputs]</c> or <c>[ExposeOutputs]</c> of a process, resolved against the child.</summary>
/// <param name="IsInputs">True for inputs, false for outputs.</param>
/// <param name="ChildTypeName">The child's <c>global::</c> name.</param>
/// <param name="ChildName">The child's simple name, for documentation.</param>
/// <param name="Namespace">The namespace port name, or null when the ports are exposed at the top level.</param>
/// <param name="MemberName">For a namespace: the parent's property (<c>SquareInputs</c>).</param>
/// <param name="RecordName">For a namespace: the generated nested record (<c>SquareExposedInputs</c>).</param>
/// <param name="NamespaceRequired">For a namespace: true when one of its ports is required.</param>
/// <param name="MethodName">The generated helper: <c>Create…</c> for inputs, <c>Set…Outputs</c> for outputs.</param>
/// <param name="MethodAccessibility"><c>protected</c>, or <c>private</c> in a sealed class.</param>
/// <param name="Ports">The exposed ports, in the child's order.</param>
/// <param name="Parameters">For inputs: the child's required inputs that are not exposed, taken as parameters.</param>
internal sealed record ExposeModel(
    bool IsInputs,
    string ChildTypeName,
    string ChildName,
    string? Namespace,
    string? MemberName,
    string? RecordName,
    bool NamespaceRequired,
    string MethodName,
    string MethodAccessibility,
    EquatableArray<ExposedPortModel> Ports,
    EquatableArray<ParameterModel> Parameters);
