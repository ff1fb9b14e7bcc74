namespace Processes.Generators.Models;

/// <summary>How a value of some type is written, read, checked and described.</summary>
internal enum ShapeKind
{
    /// <summary>A value the writer has a primitive for (numbers, bool, char, string, Guid, dates).</summary>
    Primitive,

    /// <summary>An enum, written as its underlying integer.</summary>
    Enum,

    /// <summary><c>Nullable&lt;T&gt;</c> of an unmanaged T (or <c>DateTimeOffset</c>), in its raw struct layout.</summary>
    NullableValue,

    /// <summary><c>Nullable&lt;T&gt;</c> of a <c>[ProcessData]</c> struct: an object header, then the value.</summary>
    NullableData,

    /// <summary><c>byte[]</c>.</summary>
    ByteArray,

    /// <summary>An array of an unmanaged primitive or enum, written as raw bytes.</summary>
    UnmanagedArray,

    /// <summary>Any other array: count, then each element.</summary>
    Array,

    /// <summary>A list-like collection: count, then each element.</summary>
    List,

    /// <summary>A dictionary: count, then each key and value.</summary>
    Dictionary,

    /// <summary>A <c>[ProcessData]</c> or <c>[PortNamespace]</c> type, through its generated serializer.</summary>
    Data,

    /// <summary><c>Processes.ProcessId</c>, written as its GUID.</summary>
    ProcessId,
}

/// <summary>The equatable description of a member's type, recursive for collections.</summary>
/// <param name="Kind">How the value is handled.</param>
/// <param name="TypeName">The <c>global::</c> type name with its nullable annotation as declared.</param>
/// <param name="Primitive">For primitives, enums and nullable values: the writer method suffix (<c>Int32</c>, <c>String</c>…).</param>
/// <param name="UnderlyingTypeName">For enums (and nullable enums) the underlying keyword type; for nullable values the value type.</param>
/// <param name="Alignment">For unmanaged values: the natural alignment in bytes.</param>
/// <param name="Size">For unmanaged values: the size in bytes.</param>
/// <param name="CanBeNull">True for reference types and <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="IsNullableAnnotated">True when the type is declared nullable (<c>T?</c>).</param>
/// <param name="ConcreteTypeName">For lists and dictionaries, the type created when reading.</param>
/// <param name="Arguments">Element type; key and value types; or the nullable's value type.</param>
/// <param name="IsNamespace">For data types: true when the type is a <c>[PortNamespace]</c>.</param>
/// <param name="DisplayName">The type as the user wrote it (minimally qualified), for port descriptions.</param>
/// <param name="CountMember">For collections: <c>Length</c> or <c>Count</c>; null when the count needs a copy (<c>IEnumerable&lt;T&gt;</c>).</param>
internal sealed record ValueShape(
    ShapeKind Kind,
    string TypeName,
    string? Primitive,
    string? UnderlyingTypeName,
    int Alignment,
    int Size,
    bool CanBeNull,
    bool IsNullableAnnotated,
    string? ConcreteTypeName,
    EquatableArray<ValueShape> Arguments,
    bool IsNamespace,
    string DisplayName,
    string? CountMember)
{
    /// <summary>The type name without a trailing nullable annotation of a reference type.</summary>
    public string NonNullableTypeName =>
        IsNullableAnnotated && Kind is not (ShapeKind.NullableValue or ShapeKind.NullableData) && TypeName.EndsWith("?", System.StringComparison.Ordinal)
            ? TypeName.Substring(0, TypeName.Length - 1)
            : TypeName;

    /// <summary>True when the value is a reference type (null checks, <c>!</c> on reads).</summary>
    public bool IsReferenceType => CanBeNull && Kind is not (ShapeKind.NullableValue or ShapeKind.NullableData);
}
