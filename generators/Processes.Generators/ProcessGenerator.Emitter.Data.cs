using System.Linq;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        /// <summary>Emits the serializer of a <c>[ProcessData]</c> type, plus the port members of a <c>[PortNamespace]</c> type.</summary>
        public static string EmitData(DataModel model)
        {
            var type = model.Type;
            var self = type.FullName;
            var nullableSelf = type.IsValueType ? self : self + "?";
            var code = StartFile();
            var contract = model.IsNamespace
                ? $"global::Processes.Ports.IPortNamespace<{self}>"
                : $"global::Processes.Serialization.IProcessData<{self}>";
            var depth = OpenType(code, type, contract);
            EmitConstructors(code, type);

            var count = model.Members.Count;
            code.Line("/// <summary>Reads the members of an object whose header has been read (generated; not for user code).</summary>");
            code.Line(GeneratedCode);
            code.Line(SetsRequiredMembers);
            code.Line($"private {type.Name}({MarkerType} marker, ref {ReaderType} reader, byte memberCount){Chain(type)}");
            code.Open();
            code.Open($"if (memberCount > {Int(count)})");
            code.Line($"throw new {SerializationException}(global::System.FormattableString.Invariant($\"{Escape(type.Name)} data has {{memberCount}} members but this version knows {Int(count)}: it was written by a newer version.\"), reader.Offset);");
            code.Close();
            code.Line();
            EmitReadMembers(code, model.Members);

            code.Close();
            if (model.IsNamespace)
            {
                code.Line();
                code.Line("/// <summary>Creates an instance from validated port values (generated; not for user code).</summary>");
                code.Line(GeneratedCode);
                code.Line(SetsRequiredMembers);
                code.Line($"private {type.Name}({MarkerType} marker, {ValuesType} values){Chain(type)}");
                code.Open();
                EmitAssignFromValues(code, model.Ports);
                code.Close();
            }

            code.Line(RestoreNullableInit);
            code.Line();

            code.Line(GeneratedCode);
            // Its own inlining root: inlined into a caller's loop (a list of these), it would use up
            // that small method's inlining budget and leave every primitive write a call.
            code.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
            code.Open($"static void global::Processes.Serialization.IProcessData<{self}>.Write({WriterType} writer, {nullableSelf} value)");
            if (!type.IsValueType)
            {
                code.Open("if (value is null)");
                code.Line("writer.WriteNullObjectHeader();");
                code.Line("return;");
                code.Close();
                code.Line();
            }

            EmitWriteMembers(code, model.Members);

            code.Close();
            code.Line();

            code.Line(GeneratedCode);
            code.Open($"static {nullableSelf} global::Processes.Serialization.IProcessData<{self}>.Read(ref {ReaderType} reader)");
            code.Open("if (!reader.TryReadObjectHeader(out var memberCount))");
            code.Line(type.IsValueType
                ? $"throw new {SerializationException}(\"A null object was read for the struct {Escape(type.Name)}.\", reader.Offset - 1);"
                : "return null;");
            code.Close();
            code.Line();
            code.Line($"return new {self}({Marker}, ref reader, memberCount);");
            code.Close();

            if (model.IsNamespace)
            {
                EmitNamespaceMembers(code, model);
            }

            return CloseTypes(code, depth);
        }

        private static void EmitNamespaceMembers(IndentedWriter code, DataModel model)
        {
            var type = model.Type;
            var self = type.FullName;
            var contract = $"global::Processes.Ports.IPortNamespace<{self}>";
            code.Line();

            code.Line(GeneratedCode);
            code.Line($"static global::Processes.Ports.PortNamespace {contract}.CreateSpec(string name, string? help, bool required, global::System.Func<object?>? defaultFactory) => new global::Processes.Ports.PortNamespace(name)");
            code.Open();
            code.Line("Help = help,");
            code.Line("Required = required,");
            code.Line($"TypeName = {Literals.String(type.Name)},");
            code.Line("DefaultFactory = defaultFactory,");
            code.Line("Ports = GeneratedPortNamespace.CreatePorts(),");
            if (!model.Validators.IsEmpty)
            {
                var validators = model.Validators.Select(name => $"static value => {self}.{name}(({self})value)");
                code.Line($"Validators = new global::System.Func<object, string?>[] {{ {string.Join(", ", validators)} }},");
            }

            code.Line($"Bind = static values => new {self}({Marker}, values),");
            code.Line($"Unbind = static value => value is {self} typed ? GeneratedPortNamespace.GetValues(typed) : null,");
            code.Close(";");
            code.Line();

            code.Line(GeneratedCode);
            code.Line($"static void {contract}.Validate({self} value, string path, global::Processes.Ports.PortErrorCollector errors) => GeneratedPortNamespace.Validate(value, path, errors);");
            code.Line();
            code.Line(GeneratedCode);
            code.Line($"static {self} {contract}.Bind({ValuesType} values) => new {self}({Marker}, values);");
            code.Line();
            code.Line(GeneratedCode);
            code.Line($"static {ValuesType} {contract}.GetValues({self} value) => GeneratedPortNamespace.GetValues(value);");
            code.Line();

            code.Line("/// <summary>The generated checks and port values of the namespace.</summary>");
            code.Line(GeneratedCode);
            code.Open("private static class GeneratedPortNamespace");
            EmitCheckMethods(code, model.Ports);
            code.Line("public static global::System.Collections.Generic.IReadOnlyList<global::Processes.Ports.Port> CreatePorts() => new global::Processes.Ports.Port[]");
            code.Open();
            foreach (var port in model.Ports)
            {
                code.Line(PortSpec(port, $"new {self}({Marker})") + ",");
            }

            code.Close(";");
            code.Line();
            code.Open($"public static void Validate({self} value, string path, global::Processes.Ports.PortErrorCollector errors)");
            EmitValidation(code, model.Ports, "value", null, "path", model.Validators, self);
            code.Close();
            code.Line();
            EmitGetValues(code, $"public static {ValuesType} GetValues({self} value)", model.Ports, "value", skipNullOptional: false);
            code.Close();
        }

        private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}");
    }
}
