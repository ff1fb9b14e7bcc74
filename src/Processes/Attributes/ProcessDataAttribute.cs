using System;

namespace Processes;

/// <summary>
/// Marks a user data type (class, struct or record) that appears as a port or state value, so the
/// generator writes a binary serializer for it. Its public fields and settable properties are
/// serialized in declaration order, in MemoryPack's object layout. New members may be appended at
/// the end of the type without breaking data written before.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class ProcessDataAttribute : Attribute
{
}
