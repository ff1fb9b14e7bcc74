using System.Globalization;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        private const string SerializationException = "global::Processes.ProcessSerializationException";
        private const string Codecs = "global::Processes.Serialization.Codecs.";
        private const string ListPrefix = "global::System.Collections.Generic.List<";
        private const string HashSetPrefix = "global::System.Collections.Generic.HashSet<";
        private const string DictionaryPrefix = "global::System.Collections.Generic.Dictionary<";

        /// <summary>A statement writing <paramref name="expression"/> inside an object (no name, no length prefix).</summary>
        private static string WriteStatement(ValueShape shape, string expression) => shape.Kind switch
        {
            ShapeKind.Primitive => $"writer.Write{shape.Primitive}({expression});",
            ShapeKind.Enum => $"writer.Write{shape.Primitive}(({shape.UnderlyingTypeName}){expression});",
            ShapeKind.ProcessId => $"writer.WriteGuid({expression}.Value);",
            ShapeKind.NullableValue => $"writer.WriteNullable<{shape.Arguments[0].TypeName}, {NullableArgumentCodec(shape)}>({expression});",
            ShapeKind.NullableData => $"writer.Write<{shape.TypeName}, {Codec(shape)}>({expression});",
            ShapeKind.ByteArray => $"writer.WriteBytes({expression});",
            ShapeKind.UnmanagedArray => $"writer.WriteUnmanagedArray<{shape.Arguments[0].TypeName}>({expression});",
            ShapeKind.Array or ShapeKind.List => $"writer.WriteCollection<{ElementArguments(shape)}>({expression});",
            ShapeKind.Dictionary => $"writer.WriteDictionary<{ElementArguments(shape)}>({expression});",
            _ => $"global::Processes.Serialization.ProcessData.Write<{shape.NonNullableTypeName}>(writer, {expression});",
        };

        /// <summary>A statement writing a member of a name-keyed section: its name, then its value, length-prefixed.</summary>
        private static string WriteMemberStatement(ValueShape shape, string name, string expression)
        {
            var literal = Literals.String(name);
            return shape.Kind switch
            {
                ShapeKind.Primitive or ShapeKind.ByteArray => $"writer.WriteMember({literal}, {expression});",
                ShapeKind.Enum => $"writer.WriteMember({literal}, ({shape.UnderlyingTypeName}){expression});",
                ShapeKind.ProcessId => $"writer.WriteMember({literal}, {expression}.Value);",
                ShapeKind.NullableValue => $"writer.WriteNullableMember<{shape.Arguments[0].TypeName}, {NullableArgumentCodec(shape)}>({literal}, {expression});",
                ShapeKind.NullableData => $"writer.WriteValueMember<{shape.TypeName}, {Codec(shape)}>({literal}, {expression});",
                ShapeKind.UnmanagedArray => $"writer.WriteMember<{shape.Arguments[0].TypeName}>({literal}, {expression});",
                ShapeKind.Array or ShapeKind.List => $"writer.WriteCollectionMember<{ElementArguments(shape)}>({literal}, {expression});",
                ShapeKind.Dictionary => $"writer.WriteDictionaryMember<{ElementArguments(shape)}>({literal}, {expression});",
                _ => $"writer.WriteDataMember<{shape.NonNullableTypeName}>({literal}, {expression});",
            };
        }

        /// <summary>An expression reading a value of the member's type with the reader named <paramref name="reader"/>.</summary>
        private static string ReadExpression(ValueShape shape, string reader)
        {
            var forgive = shape.IsReferenceType && !shape.IsNullableAnnotated ? "!" : string.Empty;
            return shape.Kind switch
            {
                ShapeKind.Primitive => $"{reader}.Read{shape.Primitive}(){forgive}",
                ShapeKind.Enum => $"({shape.TypeName}){reader}.Read{shape.Primitive}()",
                ShapeKind.ProcessId => $"new global::Processes.ProcessId({reader}.ReadGuid())",
                ShapeKind.NullableValue => $"{reader}.ReadNullable<{shape.Arguments[0].TypeName}, {NullableArgumentCodec(shape)}>()",
                ShapeKind.NullableData => $"{reader}.Read<{shape.TypeName}, {Codec(shape)}>()",
                ShapeKind.ByteArray => $"{reader}.ReadBytes(){forgive}",
                ShapeKind.UnmanagedArray => $"{reader}.ReadUnmanagedArray<{shape.Arguments[0].TypeName}>(){forgive}",
                ShapeKind.Array => $"{reader}.ReadArray<{ElementArguments(shape)}>(){forgive}",
                ShapeKind.List when shape.ConcreteTypeName!.StartsWith(HashSetPrefix, System.StringComparison.Ordinal) => $"{reader}.ReadHashSet<{ElementArguments(shape)}>(){forgive}",
                ShapeKind.List => $"{reader}.ReadList<{ElementArguments(shape)}>(){forgive}",
                ShapeKind.Dictionary => $"{reader}.ReadDictionary<{ElementArguments(shape)}>(){forgive}",
                ShapeKind.Data => $"global::Processes.Serialization.ProcessData.Read<{shape.NonNullableTypeName}>(ref {reader}){forgive}",
                _ => "default!",
            };
        }

        /// <summary>A statement reading a collection into the existing one at <paramref name="target"/> (a get-only property): cleared, then each element added.</summary>
        private static string FillInPlaceStatement(ValueShape shape, string reader, string target) => shape.Kind == ShapeKind.Dictionary
            ? $"{reader}.ReadIntoDictionary<{ElementArguments(shape)}>({target});"
            : $"{reader}.ReadInto<{ElementArguments(shape)}>({target});";

        /// <summary>The type arguments of a collection helper: the element type and its codec, or key, value and their codecs.</summary>
        private static string ElementArguments(ValueShape shape) => shape.Kind == ShapeKind.Dictionary
            ? $"{shape.Arguments[0].TypeName}, {shape.Arguments[1].TypeName}, {Codec(shape.Arguments[0])}, {Codec(shape.Arguments[1])}"
            : $"{shape.Arguments[0].TypeName}, {Codec(shape.Arguments[0])}";

        /// <summary>The runtime codec type of a collection element, dictionary key or value (<c>Processes.Serialization.Codecs</c>).</summary>
        private static string Codec(ValueShape shape)
        {
            var declared = shape.NonNullableTypeName;
            switch (shape.Kind)
            {
                case ShapeKind.Primitive:
                    return Codecs + shape.Primitive + "Codec";
                case ShapeKind.Enum:
                    return $"{Codecs}EnumCodec<{declared}, {shape.UnderlyingTypeName}, {Codecs}{shape.Primitive}Codec>";
                case ShapeKind.ProcessId:
                    return Codecs + "ProcessIdCodec";
                case ShapeKind.NullableValue:
                    return $"{Codecs}NullableCodec<{shape.Arguments[0].TypeName}, {NullableArgumentCodec(shape)}>";
                case ShapeKind.NullableData:
                    return $"{Codecs}NullableDataStructCodec<{shape.Arguments[0].TypeName}>";
                case ShapeKind.ByteArray:
                    return Codecs + "BytesCodec";
                case ShapeKind.UnmanagedArray:
                    return $"{Codecs}UnmanagedArrayCodec<{shape.Arguments[0].TypeName}>";
                case ShapeKind.Array:
                    return $"{Codecs}ArrayCodec<{ElementArguments(shape)}>";
                case ShapeKind.List when declared.StartsWith(ListPrefix, System.StringComparison.Ordinal):
                    return $"{Codecs}ListCodec<{ElementArguments(shape)}>";
                case ShapeKind.List when declared.StartsWith(HashSetPrefix, System.StringComparison.Ordinal):
                    return $"{Codecs}HashSetCodec<{ElementArguments(shape)}>";
                case ShapeKind.List:
                    return $"{Codecs}SequenceCodec<{declared}, {ElementArguments(shape)}>";
                case ShapeKind.Dictionary when declared.StartsWith(DictionaryPrefix, System.StringComparison.Ordinal):
                    return $"{Codecs}DictionaryCodec<{ElementArguments(shape)}>";
                case ShapeKind.Dictionary:
                    return $"{Codecs}MapCodec<{declared}, {ElementArguments(shape)}>";
                default:
                    return shape.IsReferenceType && shape.IsNullableAnnotated
                        ? $"{Codecs}NullableDataCodec<{declared}>"
                        : $"{Codecs}DataCodec<{declared}>";
            }
        }

        /// <summary>
        /// The codec of the value inside a <c>Nullable&lt;T&gt;</c>: the value's own codec, except for
        /// <c>DateTimeOffset</c>, whose nullable is laid out with its 16-byte struct form.
        /// </summary>
        private static string NullableArgumentCodec(ValueShape nullable) =>
            nullable.Arguments[0] is { Kind: ShapeKind.Primitive, Primitive: "DateTimeOffset" }
                ? Codecs + "DateTimeOffsetStructCodec"
                : Codec(nullable.Arguments[0]);

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
