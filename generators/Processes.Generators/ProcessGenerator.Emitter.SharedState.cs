using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        /// <summary>
        /// Emits <c>ISharedState&lt;T&gt;</c> for a <c>[SharedState]</c> class: its stored name, its
        /// initial instance (member initializers only) and its serializer, a name-keyed section
        /// written and read with the checkpoints' member helpers (so members may be added or removed).
        /// </summary>
        public static string EmitSharedState(SharedStateModel model)
        {
            var type = model.Data.Type;
            var self = type.FullName;
            var contract = $"global::Processes.ISharedState<{self}>";
            var code = StartFile();
            var depth = OpenType(code, type, contract);
            EmitConstructors(code, type);
            code.Line(RestoreNullableInit);
            code.Line();

            code.Line(GeneratedCode);
            code.Line($"static string {contract}.StateName => {Literals.String(model.StateName)};");
            code.Line();
            code.Line(GeneratedCode);
            code.Line($"static {self} {contract}.CreateInitial() => new {self}({Marker});");
            code.Line();
            code.Line(GeneratedCode);
            code.Open($"static void {contract}.WriteState({WriterType} writer, {self} state)");
            EmitWriteSection(code, "state", model.Data.Members, member => member.Name);
            code.Close();
            code.Line();
            code.Line(GeneratedCode);
            code.Open($"static {self} {contract}.ReadState(ref {ReaderType} reader)");
            code.Line($"var state = new {self}({Marker});");
            code.Line("reader.ReadSection(\"state\", state, ReadSharedStateMember);");
            code.Line("return state;");
            code.Close();
            code.Line();
            EmitReadMember(code, "ReadSharedStateMember", self, model.Data.Members, member => member.Name);
            return CloseTypes(code, depth);
        }
    }
}
