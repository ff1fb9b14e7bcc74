using System.Globalization;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        private const string SerializationException = "global::Processes.ProcessSerializationException";

        /// <summary>Emits statements writing <paramref name="expression"/> with the writer named <paramref name="writer"/>.</summary>
        private static void EmitWrite(IndentedWriter code, ValueShape shape, string expression, string writer)
        {
            switch (shape.Kind)
            {
                case ShapeKind.Primitive:
                    code.Line($"{writer}.Write{shape.Primitive}({expression});");
                    break;
                case ShapeKind.Enum:
                    code.Line($"{writer}.Write{shape.Primitive}(({shape.UnderlyingTypeName}){expression});");
                    break;
                case ShapeKind.ProcessId:
                    code.Line($"{writer}.WriteGuid({expression}.Value);");
                    break;
                case ShapeKind.NullableValue:
                {
                    var value = code.Local("value");
                    code.Open($"if ({expression} is {{ }} {value})");
                    code.Line($"{writer}.WriteNullableHeader(true, {Int(shape.Alignment)});");
                    EmitWrite(code, shape.Arguments[0], value, writer);
                    code.Close();
                    code.Open("else");
                    code.Line($"{writer}.WriteNullableHeader(false, {Int(shape.Alignment)});");
                    code.Line($"{writer}.WriteZeros({Int(shape.Size)});");
                    code.Close();
                    break;
                }

                case ShapeKind.ByteArray:
                    code.Line($"{writer}.WriteBytes({expression});");
                    break;
                case ShapeKind.UnmanagedArray:
                    code.Line($"{writer}.WriteUnmanagedArray<{shape.Arguments[0].TypeName}>({expression});");
                    break;
                case ShapeKind.Array:
                case ShapeKind.List:
                case ShapeKind.Dictionary:
                {
                    var collection = code.Local("collection");
                    code.Line(shape.CountMember is null
                        ? $"var {collection} = {expression} is {{ }} enumerable{collection} ? new {shape.ConcreteTypeName}(enumerable{collection}) : null;"
                        : $"var {collection} = {expression};");
                    code.Open($"if ({collection} is null)");
                    code.Line($"{writer}.WriteNullCollectionHeader();");
                    code.Close();
                    code.Open("else");
                    code.Line($"{writer}.WriteCollectionHeader({collection}.{shape.CountMember ?? "Count"});");
                    var item = code.Local("item");
                    code.Open($"foreach (var {item} in {collection})");
                    if (shape.Kind == ShapeKind.Dictionary)
                    {
                        EmitWrite(code, shape.Arguments[0], item + ".Key", writer);
                        EmitWrite(code, shape.Arguments[1], item + ".Value", writer);
                    }
                    else
                    {
                        EmitWrite(code, shape.Arguments[0], item, writer);
                    }

                    code.Close();
                    code.Close();
                    break;
                }

                case ShapeKind.Data:
                    code.Line($"global::Processes.Serialization.ProcessData.Write<{shape.NonNullableTypeName}>({writer}, {expression});");
                    break;
            }
        }

        /// <summary>Emits statements reading a value with the reader named <paramref name="reader"/>; returns an expression of the member's type.</summary>
        private static string EmitRead(IndentedWriter code, ValueShape shape, string reader)
        {
            var forgive = shape.IsReferenceType && !shape.IsNullableAnnotated ? "!" : string.Empty;
            switch (shape.Kind)
            {
                case ShapeKind.Primitive:
                    return $"{reader}.Read{shape.Primitive}(){forgive}";
                case ShapeKind.Enum:
                    return $"({shape.TypeName}){reader}.Read{shape.Primitive}()";
                case ShapeKind.ProcessId:
                    return $"new global::Processes.ProcessId({reader}.ReadGuid())";
                case ShapeKind.NullableValue:
                {
                    var value = code.Local("value");
                    code.Line($"{shape.TypeName} {value};");
                    code.Open($"if ({reader}.ReadNullableHeader({Int(shape.Alignment)}))");
                    code.Line($"{value} = {EmitRead(code, shape.Arguments[0], reader)};");
                    code.Close();
                    code.Open("else");
                    code.Line($"{reader}.Skip({Int(shape.Size)});");
                    code.Line($"{value} = null;");
                    code.Close();
                    return value;
                }

                case ShapeKind.ByteArray:
                    return $"{reader}.ReadBytes(){forgive}";
                case ShapeKind.UnmanagedArray:
                    return $"{reader}.ReadUnmanagedArray<{shape.Arguments[0].TypeName}>(){forgive}";
                case ShapeKind.Array:
                case ShapeKind.List:
                case ShapeKind.Dictionary:
                {
                    var collection = code.Local("collection");
                    var count = code.Local("count");
                    var index = code.Local("index");
                    var element = shape.Arguments[shape.Kind == ShapeKind.Dictionary ? 1 : 0];
                    var minimumSize = shape.Kind == ShapeKind.Dictionary ? MinimumSize(shape.Arguments[0]) + MinimumSize(element) : MinimumSize(element);
                    var created = shape.Kind == ShapeKind.Array
                        ? $"global::System.GC.AllocateArray<{element.TypeName}>({count})"
                        : $"new {shape.ConcreteTypeName}({count})";
                    var type = shape.Kind == ShapeKind.Array ? shape.NonNullableTypeName : shape.ConcreteTypeName;
                    code.Line($"{type}? {collection} = null;");
                    code.Open($"if ({reader}.TryReadCollectionHeader(out var {count}, {Int(minimumSize)}))");
                    code.Line($"{collection} = {created};");
                    code.Open($"for (var {index} = 0; {index} < {count}; {index}++)");
                    if (shape.Kind == ShapeKind.Dictionary)
                    {
                        var keyShape = shape.Arguments[0];
                        var key = code.Local("key");
                        var keyValue = EmitRead(code, keyShape with { IsNullableAnnotated = keyShape.IsReferenceType }, reader);
                        code.Line(keyShape.IsReferenceType
                            ? $"var {key} = {keyValue} ?? throw new {SerializationException}(\"A dictionary key is null.\", {reader}.Offset);"
                            : $"var {key} = {keyValue};");
                        var value = EmitRead(code, element, reader);
                        code.Open($"if (!{collection}.TryAdd({key}, {value}))");
                        code.Line($"throw new {SerializationException}(\"A dictionary key appears twice.\", {reader}.Offset);");
                        code.Close();
                    }
                    else if (shape.Kind == ShapeKind.Array)
                    {
                        var value = EmitRead(code, element, reader);
                        code.Line($"{collection}[{index}] = {value};");
                    }
                    else
                    {
                        var value = EmitRead(code, element, reader);
                        code.Line($"{collection}.Add({value});");
                    }

                    code.Close();
                    code.Close();
                    return collection + forgive;
                }

                case ShapeKind.Data:
                    return $"global::Processes.Serialization.ProcessData.Read<{shape.NonNullableTypeName}>(ref {reader}){forgive}";
                default:
                    return "default!";
            }
        }

        /// <summary>The fewest bytes a value takes, used to bound collection counts before allocating.</summary>
        private static int MinimumSize(ValueShape shape) => shape.Kind switch
        {
            ShapeKind.Primitive or ShapeKind.Enum or ShapeKind.ProcessId => shape.Size,
            ShapeKind.NullableValue => shape.Alignment + shape.Size,
            ShapeKind.Data => 1,
            _ => 4,
        };

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
