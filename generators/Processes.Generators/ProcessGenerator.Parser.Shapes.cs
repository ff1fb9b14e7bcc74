using Microsoft.CodeAnalysis;
using Processes.Generators.Models;
using Processes.Shared;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Parser
    {
        /// <summary>Classifies member types into the value shapes the emitter can write and read.</summary>
        internal static class Shapes
        {
            private const int MaximumDepth = 12;

            private static readonly SymbolDisplayFormat FullNameFormat = SymbolDisplayFormat.FullyQualifiedFormat
                .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

            private static readonly SymbolDisplayFormat DisplayFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
                .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

            public static ValueShape? Classify(ITypeSymbol type) => Classify(type, 0);

            /// <summary>
            /// The shape of a type the generated serializer handles all the way down (the shared rule the
            /// analyzers report PRC0013, PRC0014 and PRC0037 from), or null: the member is left out.
            /// </summary>
            public static ValueShape? Classify(ITypeSymbol type, SerializableTypes types) => types.IsSupported(type) ? Classify(type, 0) : null;

            private static ValueShape? Classify(ITypeSymbol type, int depth)
            {
                if (depth > MaximumDepth || type.TypeKind == TypeKind.Error)
                {
                    return null;
                }

                var name = type.ToDisplayString(FullNameFormat);
                var display = type.ToDisplayString(DisplayFormat);
                var annotated = type.NullableAnnotation == NullableAnnotation.Annotated;

                if (Primitive(type) is { } primitive)
                {
                    var isString = type.SpecialType == SpecialType.System_String;
                    return Create(ShapeKind.Primitive, type, primitive.Name, null, primitive.Alignment, primitive.Size, isString);
                }

                if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } && Primitive(underlying) is { } enumPrimitive)
                {
                    return Create(ShapeKind.Enum, type, enumPrimitive.Name, underlying.ToDisplayString(), enumPrimitive.Alignment, enumPrimitive.Size, false);
                }

                if (name == "global::Processes.ProcessId")
                {
                    return Create(ShapeKind.ProcessId, type, null, null, 4, 16, false);
                }

                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    var value = Classify(nullable.TypeArguments[0], depth + 1);
                    if (value is null || !SupportRules.IsSupportedNullableValue(nullable.TypeArguments[0]))
                    {
                        return null;
                    }

                    if (value.Kind == ShapeKind.Data)
                    {
                        return new ValueShape(ShapeKind.NullableData, name, null, null, 0, 1, true, true, null, new EquatableArray<ValueShape>(new[] { value }), false, display, null);
                    }

                    return new ValueShape(ShapeKind.NullableValue, name, value.Primitive, value.UnderlyingTypeName, value.Alignment, value.Size, true, true, null, new EquatableArray<ValueShape>(new[] { value }), false, display, null);
                }

                if (type is IArrayTypeSymbol array)
                {
                    if (array.Rank != 1)
                    {
                        return null;
                    }

                    var element = Classify(array.ElementType, depth + 1);
                    if (element is null)
                    {
                        return null;
                    }

                    var kind = element.Kind switch
                    {
                        ShapeKind.Primitive when element.Primitive == "Byte" => ShapeKind.ByteArray,
                        ShapeKind.Primitive or ShapeKind.Enum when element.Alignment > 0 => ShapeKind.UnmanagedArray,
                        _ => ShapeKind.Array,
                    };
                    return new ValueShape(kind, name, null, null, 0, 4, true, annotated, null, new EquatableArray<ValueShape>(new[] { element }), false, display, "Length");
                }

                if (type is INamedTypeSymbol named)
                {
                    if (named.IsGenericType && Collection(named, depth) is { } collection)
                    {
                        return collection;
                    }

                    if (!named.IsGenericType
                        && (HasAttribute(named, PortNamespaceAttribute) || HasAttribute(named, ProcessDataAttribute)
                            || (MemoryPackRules.IsMemoryPackable(named) && MemoryPackRules.UnsupportedReason(named) is null)))
                    {
                        var isNamespace = HasAttribute(named, PortNamespaceAttribute);
                        return new ValueShape(ShapeKind.Data, name, null, null, 0, 1, !named.IsValueType, annotated, null, EquatableArray<ValueShape>.Empty, isNamespace, display, null);
                    }
                }

                return null;

                ValueShape Create(ShapeKind kind, ITypeSymbol symbol, string? primitiveName, string? underlyingName, int alignment, int size, bool canBeNull) =>
                    new(kind, name, primitiveName, underlyingName, alignment, size, canBeNull, annotated && canBeNull, null, EquatableArray<ValueShape>.Empty, false, display, null);
            }

            private static ValueShape? Collection(INamedTypeSymbol named, int depth)
            {
                var family = SupportRules.Collection(named);
                var name = named.ToDisplayString(FullNameFormat);
                var display = named.ToDisplayString(DisplayFormat);
                var annotated = named.NullableAnnotation == NullableAnnotation.Annotated;
                switch (family)
                {
                    case SupportRules.CollectionFamily.Sequence:
                    case SupportRules.CollectionFamily.Enumerable:
                    case SupportRules.CollectionFamily.HashSet:
                    {
                        var element = Classify(named.TypeArguments[0], depth + 1);
                        if (element is null)
                        {
                            return null;
                        }

                        var concrete = family == SupportRules.CollectionFamily.HashSet
                            ? "global::System.Collections.Generic.HashSet<" + element.TypeName + ">"
                            : "global::System.Collections.Generic.List<" + element.TypeName + ">";
                        var countMember = family == SupportRules.CollectionFamily.Enumerable ? null : "Count";
                        return new ValueShape(ShapeKind.List, name, null, null, 0, 4, true, annotated, concrete, new EquatableArray<ValueShape>(new[] { element }), false, display, countMember);
                    }

                    case SupportRules.CollectionFamily.Dictionary:
                    {
                        var key = Classify(named.TypeArguments[0], depth + 1);
                        var value = Classify(named.TypeArguments[1], depth + 1);
                        if (key is null || value is null || key.IsNullableAnnotated)
                        {
                            return null;
                        }

                        var concrete = "global::System.Collections.Generic.Dictionary<" + key.TypeName + ", " + value.TypeName + ">";
                        return new ValueShape(ShapeKind.Dictionary, name, null, null, 0, 4, true, annotated, concrete, new EquatableArray<ValueShape>(new[] { key, value }), false, display, "Count");
                    }

                    default:
                        return null;
                }
            }

            private static (string Name, int Alignment, int Size)? Primitive(ITypeSymbol type)
            {
                switch (type.SpecialType)
                {
                    case SpecialType.System_Boolean: return ("Boolean", 1, 1);
                    case SpecialType.System_Byte: return ("Byte", 1, 1);
                    case SpecialType.System_SByte: return ("SByte", 1, 1);
                    case SpecialType.System_Int16: return ("Int16", 2, 2);
                    case SpecialType.System_UInt16: return ("UInt16", 2, 2);
                    case SpecialType.System_Char: return ("Char", 2, 2);
                    case SpecialType.System_Int32: return ("Int32", 4, 4);
                    case SpecialType.System_UInt32: return ("UInt32", 4, 4);
                    case SpecialType.System_Single: return ("Single", 4, 4);
                    case SpecialType.System_Int64: return ("Int64", 8, 8);
                    case SpecialType.System_UInt64: return ("UInt64", 8, 8);
                    case SpecialType.System_Double: return ("Double", 8, 8);
                    case SpecialType.System_Decimal: return ("Decimal", 8, 16);
                    case SpecialType.System_DateTime: return ("DateTime", 8, 8);
                    case SpecialType.System_String: return ("String", 0, 4);
                }

                return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) switch
                {
                    "global::System.Guid" => ("Guid", 4, 16),
                    "global::System.TimeSpan" => ("TimeSpan", 8, 8),

                    // Our DateTimeOffset layout (ticks, offset minutes) is not its raw struct layout: never written raw.
                    "global::System.DateTimeOffset" => ("DateTimeOffset", 0, 10),
                    _ => null,
                };
            }
        }
    }
}
