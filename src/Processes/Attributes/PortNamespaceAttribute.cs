using System;

namespace Processes;

/// <summary>
/// Marks a class or record used as the type of an input or output as a nested port namespace:
/// each of its public settable properties is a port of that namespace, with its own default,
/// validation attributes and help text. A namespace type is also serialized in checkpoints.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class PortNamespaceAttribute : Attribute
{
}
