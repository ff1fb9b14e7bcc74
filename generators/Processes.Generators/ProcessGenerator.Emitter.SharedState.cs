using System.Linq;
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
            code.Line();
            EmitOperations(code, model, self, contract);
            return CloseTypes(code, depth);
        }

        /// <summary>
        /// Emits <c>ReadOperation</c> (the owner's lookup by name), the public <c>Operations</c>
        /// class of typed calls, and one private operation class per <c>[SharedStateOperation]</c>
        /// method: its arguments as fields, written and read in parameter order with the port
        /// codecs, and its result written by <c>Apply</c> and read by <c>ReadResult</c>.
        /// </summary>
        private static void EmitOperations(IndentedWriter code, SharedStateModel model, string self, string contract)
        {
            const string OperationBase = "global::Processes.SharedStateOperation";
            code.Line(GeneratedCode);
            code.Open($"static {OperationBase}<{self}>? {contract}.ReadOperation(string name, ref {ReaderType} reader)");
            if (model.Operations.IsEmpty)
            {
                code.Line("return null;");
            }
            else
            {
                code.Open("switch (name)");
                foreach (var operation in model.Operations)
                {
                    code.Line($"case {Literals.String(operation.Name)}: return new {OperationClass(operation)}(ref reader);");
                }

                code.Line("default: return null;");
                code.Close();
            }

            code.Close();
            if (model.Operations.IsEmpty)
            {
                return;
            }

            code.Line();
            code.Line($"/// <summary>Typed calls of the declared operations of <see cref=\"{self}\"/>: pass one to <c>ISharedStateClient.UpdateAsync(key, operation)</c>, which runs it on the owner of the state.</summary>");
            code.Line(GeneratedCode);
            code.Open("public static class Operations");
            var first = true;
            foreach (var operation in model.Operations)
            {
                if (!first)
                {
                    code.Line();
                }

                first = false;
                var parameters = string.Join(", ", operation.Parameters.Select(parameter => $"{parameter.Shape.TypeName} @{parameter.Name}"));
                var arguments = string.Join(", ", operation.Parameters.Select(parameter => "@" + parameter.Name));
                code.Line($"/// <summary>The operation <see cref=\"{self}.{operation.Name}\"/> with these arguments, to run on the owner of the state.</summary>");
                code.Line($"{operation.Accessibility} static {OperationType(operation, self)} {operation.Name}({parameters}) => new {OperationClass(operation)}({arguments});");
            }

            code.Close();
            foreach (var operation in model.Operations)
            {
                code.Line();
                EmitOperationClass(code, operation, self);
            }
        }

        private static void EmitOperationClass(IndentedWriter code, OperationModel operation, string self)
        {
            var name = OperationClass(operation);
            code.Line(GeneratedCode);
            code.Open($"private sealed class {name} : {OperationType(operation, self)}");
            foreach (var parameter in operation.Parameters)
            {
                code.Line($"private readonly {parameter.Shape.TypeName} {Field(parameter)};");
            }

            if (!operation.Parameters.IsEmpty)
            {
                code.Line();
            }

            code.Open($"public {name}({string.Join(", ", operation.Parameters.Select(parameter => $"{parameter.Shape.TypeName} @{parameter.Name}"))})");
            foreach (var parameter in operation.Parameters)
            {
                code.Line($"{Field(parameter)} = @{parameter.Name};");
            }

            code.Close();
            code.Line();
            code.Open($"public {name}(ref {ReaderType} reader)");
            foreach (var parameter in operation.Parameters)
            {
                code.Line($"{Field(parameter)} = {ReadExpression(parameter.Shape, "reader")};");
            }

            code.Close();
            code.Line();
            code.Line($"public override string Name => {Literals.String(operation.Name)};");
            code.Line();
            code.Open($"protected override void WriteArguments({WriterType} writer)");
            foreach (var parameter in operation.Parameters)
            {
                code.Line(WriteStatement(parameter.Shape, Field(parameter)));
            }

            code.Close();
            code.Line();
            var call = $"state.{operation.Name}({string.Join(", ", operation.Parameters.Select(Field))})";
            code.Open($"protected override void Apply({self} state, {WriterType}? writer)");
            if (operation.Result is { } result)
            {
                code.Line($"var result = {call};");
                code.Open("if (writer is not null)");
                code.Line(WriteStatement(result, "result"));
                code.Close();
            }
            else
            {
                code.Line(call + ";");
            }

            code.Close();
            if (operation.Result is { } read)
            {
                code.Line();
                code.Line($"protected override {read.TypeName} ReadResult(ref {ReaderType} reader) => {ReadExpression(read, "reader")};");
            }

            code.Close();
        }

        private static string OperationType(OperationModel operation, string self) => operation.Result is { } result
            ? $"global::Processes.SharedStateOperation<{self}, {result.TypeName}>"
            : $"global::Processes.SharedStateOperation<{self}>";

        private static string OperationClass(OperationModel operation) => operation.Name + "SharedStateOperation";

        private static string Field(MemberModel parameter) => "_" + parameter.Name;
    }
}
