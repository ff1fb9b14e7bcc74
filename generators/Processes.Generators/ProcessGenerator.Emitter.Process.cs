using System.Linq;
using Processes.Generators.Models;

namespace Processes.Generators;

public sealed partial class ProcessGenerator
{
    internal static partial class Emitter
    {
        /// <summary>Emits a process's or task's descriptor, constructors and <c>IProcessDefinition</c> implementation.</summary>
        public static string EmitProcess(ProcessModel model, bool debugBuild)
        {
            var type = model.Type;
            var self = type.FullName;
            var code = StartFile();
            var depth = OpenType(code, type, $"global::Processes.IProcessDefinition<{self}>");
            EmitConstructors(code, type);

            var inputMembers = model.Inputs.Select(port => new MemberModel(port.MemberName, port.Shape)).ToEquatableArray();
            var outputMembers = model.Outputs.Select(port => new MemberModel(port.MemberName, port.Shape)).ToEquatableArray();
            string InputName(MemberModel member) => model.Inputs.First(port => port.MemberName == member.Name).PortName;
            string OutputName(MemberModel member) => model.Outputs.First(port => port.MemberName == member.Name).PortName;

            code.Line(DisableNullableInit);
            code.Line("/// <summary>Creates an instance from an inputs checkpoint section (generated; not for user code).</summary>");
            code.Line(GeneratedCode);
            code.Line(SetsRequiredMembers);
            code.Line($"private {type.Name}({MarkerType} marker, ref {ReaderType} reader){Chain(type)}");
            code.Open();
            EmitReadSection(code, "this", "inputs", inputMembers, InputName);
            code.Close();
            code.Line();

            code.Line("/// <summary>Creates an instance from validated input values (generated; not for user code).</summary>");
            code.Line(GeneratedCode);
            code.Line(SetsRequiredMembers);
            code.Line($"private {type.Name}({MarkerType} marker, {ValuesType} values){Chain(type)}");
            code.Open();
            EmitAssignFromValues(code, model.Inputs);
            code.Close();
            code.Line(RestoreNullableInit);
            code.Line();

            code.Line($"static global::Processes.ProcessDescriptor<{self}> global::Processes.IProcessDefinition<{self}>.Descriptor => GeneratedProcessDescriptor.Instance;");
            code.Line();

            code.Line("/// <summary>The generated descriptor: ports, validation, checkpoints and the body.</summary>");
            code.Line(GeneratedCode);
            code.Open($"private sealed class GeneratedProcessDescriptor : global::Processes.ProcessDescriptor<{self}>");
            EmitCheckMethods(code, model.Inputs);
            EmitCheckMethods(code, model.Outputs);

            code.Line("public static readonly GeneratedProcessDescriptor Instance = new();");
            code.Line();
            code.Line("private static readonly global::Processes.Ports.PortNamespace InputsSpec = CreateInputsSpec();");
            code.Line();
            code.Line("private static readonly global::Processes.Ports.PortNamespace OutputsSpec = CreateOutputsSpec();");
            code.Line();
            code.Line("private GeneratedProcessDescriptor()");
            code.Line($"    : base({Literals.String(model.RegisteredName)}, global::Processes.ProcessKind.{(model.IsTask ? "Task" : "Process")})");
            code.Open();
            code.Close();
            code.Line();
            code.Line("public override global::Processes.Ports.PortNamespace Inputs => InputsSpec;");
            code.Line();
            code.Line("public override global::Processes.Ports.PortNamespace Outputs => OutputsSpec;");
            code.Line();
            if (debugBuild)
            {
                code.Line("public override bool VerifyCheckpointsOnSave => true;");
                code.Line();
            }

            code.Line($"public override object CreateFromInputs({ValuesType} inputs) => new {self}({Marker}, inputs);");
            code.Line();

            code.Open($"public override void ValidateInputs({self} process, global::Processes.Ports.PortErrorCollector errors)");
            EmitValidation(code, model.Inputs, "process", "inputs", null, model.Validators, self);
            code.Close();
            code.Line();
            code.Open($"public override void ValidateOutputs({self} process, global::Processes.Ports.PortErrorCollector errors)");
            EmitValidation(code, model.Outputs, "process", "outputs", null, EquatableArray<string>.Empty, self);
            code.Close();
            code.Line();

            code.Open($"public override {ValuesType} GetInputs({self} process)");
            EmitGetValues(code, model.Inputs, "process", skipNullOptional: false);
            code.Close();
            code.Line();
            code.Open($"public override {ValuesType} GetOutputs({self} process)");
            EmitGetValues(code, model.Outputs, "process", skipNullOptional: true);
            code.Close();
            code.Line();

            code.Open($"public override void WriteInputs({self} process, {WriterType} writer)");
            EmitWriteSection(code, "process", inputMembers, InputName);
            code.Close();
            code.Line();
            code.Line($"public override {self} ReadInputs(ref {ReaderType} reader) => new {self}({Marker}, ref reader);");
            code.Line();

            code.Open($"public override void WriteOutputs({self} process, {WriterType} writer)");
            EmitWriteSection(code, "process", outputMembers, OutputName);
            code.Close();
            code.Line();
            code.Open($"public override void ReadOutputs({self} process, ref {ReaderType} reader)");
            EmitReadSection(code, "process", "outputs", outputMembers, OutputName);
            code.Close();
            code.Line();

            code.Open($"public override void WriteState({self} process, {WriterType} writer)");
            EmitWriteSection(code, "process", model.State, member => member.Name);
            code.Close();
            code.Line();
            code.Open($"public override void ReadState({self} process, ref {ReaderType} reader)");
            EmitReadSection(code, "process", "state", model.State, member => member.Name);
            code.Close();
            code.Line();

            if (model.IsTask)
            {
                code.Line($"public override global::System.Threading.Tasks.ValueTask RunAsync({self} process, global::Processes.TaskContext context) => process.RunAsync(context);");
            }
            else
            {
                code.Line($"public override void DefineOutline({self} process, global::Processes.OutlineBuilder outline) => process.DefineOutline(outline);");
            }

            code.Line();
            code.Line("private static global::Processes.Ports.PortNamespace CreateInputsSpec() => new global::Processes.Ports.PortNamespace(\"inputs\")");
            code.Open();
            EmitPortList(code, model.Inputs, self);
            if (!model.Validators.IsEmpty)
            {
                var validators = model.Validators.Select(name => $"static value => {self}.{name}(({self})value)");
                code.Line($"Validators = new global::System.Func<object, string?>[] {{ {string.Join(", ", validators)} }},");
            }

            code.Line($"Bind = static values => new {self}({Marker}, values),");
            code.Line($"Unbind = static value => value is {self} process ? Instance.GetInputs(process) : null,");
            code.Close(";");
            code.Line();
            code.Line("private static global::Processes.Ports.PortNamespace CreateOutputsSpec() => new global::Processes.Ports.PortNamespace(\"outputs\")");
            code.Open();
            EmitPortList(code, model.Outputs, self);
            code.Line($"Unbind = static value => value is {self} process ? Instance.GetOutputs(process) : null,");
            code.Close(";");
            code.Close();
            EmitExposures(code, model);
            return CloseTypes(code, depth);
        }

        private static void EmitPortList(IndentedWriter code, EquatableArray<PortModel> ports, string owner)
        {
            if (ports.IsEmpty)
            {
                code.Line("Ports = global::System.Array.Empty<global::Processes.Ports.Port>(),");
                return;
            }

            code.Line("Ports = new global::Processes.Ports.Port[]");
            code.Open();
            foreach (var port in ports)
            {
                code.Line(PortSpec(port, owner) + ",");
            }

            code.Close(",");
        }
    }
}
