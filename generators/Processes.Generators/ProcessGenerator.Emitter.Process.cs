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

            code.Line("/// <summary>Creates an instance from an inputs checkpoint section (generated; not for user code).</summary>");
            code.Line(GeneratedCode);
            code.Line(SetsRequiredMembers);
            code.Line($"private {type.Name}({MarkerType} marker, ref {ReaderType} reader){Chain(type)}");
            code.Open();
            EmitReadInputsSection(code, inputMembers, InputName);
            code.Close();
            code.Line();

            code.Line("/// <summary>Creates an instance from validated input values (generated; not for user code).</summary>");
            code.Line(GeneratedCode);
            code.Line(SetsRequiredMembers);
            code.Line($"private {type.Name}({MarkerType} marker, {ValuesType} values){Chain(type)}");
            code.Open();
            EmitAssignFromValues(code, model.Inputs);
            code.Close();
            code.Line();

            code.Line("/// <summary>Creates an instance with the input values of <paramref name=\"source\"/>, shared, not cloned (generated; not for user code).</summary>");
            code.Line(GeneratedCode);
            code.Line(SetsRequiredMembers);
            code.Line($"private {type.Name}({MarkerType} marker, {self} source){Chain(type)}");
            code.Open();
            foreach (var port in model.Inputs)
            {
                code.Line($"this.{port.MemberName} = source.{port.MemberName};");
            }

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

            // Instance comes first: the specs' Unbind reads through it, and static fields initialize in order.
            code.Line("public static readonly GeneratedProcessDescriptor Instance = new();");
            code.Line();
            EmitSpecField(code, "InputsSpec", $"InputsNamespace(Instance, static values => new {self}({Marker}, values), {Validators(model.Validators, self)}", model.Inputs);
            code.Line();
            EmitSpecField(code, "OutputsSpec", "OutputsNamespace(Instance", model.Outputs);
            code.Line();
            code.Line($"private GeneratedProcessDescriptor() : base({Literals.String(model.RegisteredName)}, global::Processes.ProcessKind.{(model.IsTask ? "Task" : "Process")}) {{ }}");
            code.Line();
            if (model.Inputs.Any(port => port.HasDefault) || model.Outputs.Any(port => port.HasDefault))
            {
                code.Line($"private static {self} CreateWithDefaults() => new {self}({Marker});");
                code.Line();
            }

            code.Line("public override global::Processes.Ports.PortNamespace Inputs => InputsSpec;");
            code.Line("public override global::Processes.Ports.PortNamespace Outputs => OutputsSpec;");
            if (debugBuild)
            {
                code.Line("public override bool VerifyCheckpointsOnSave => true;");
            }

            EmitBehaviour(code, model.Behaviour, self);

            code.Line($"public override object CreateFromInputs({ValuesType} inputs) => new {self}({Marker}, inputs);");
            code.Line($"public override {self} ReadInputs(ref {ReaderType} reader) => new {self}({Marker}, ref reader);");
            code.Line($"public override {self} CopyInputs({self} process) => new {self}({Marker}, process ?? throw new global::System.ArgumentNullException(nameof(process)));");
            code.Line(model.IsTask
                ? $"public override global::System.Threading.Tasks.ValueTask RunAsync({self} process, global::Processes.TaskContext context) => process.RunAsync(context);"
                : $"public override void DefineOutline({self} process, global::Processes.OutlineBuilder outline) => process.DefineOutline(outline);");
            code.Line();
            if (model.Outline is { SharedSteps.IsEmpty: false } shared)
            {
                EmitSharedOutline(code, shared.SharedSteps, self);
            }

            if (model.Outline is { } outline)
            {
                EmitOutlineVersion(code, outline, self);
            }

            code.Open($"public override void ValidateInputs({self} process, global::Processes.Ports.PortErrorCollector errors)");
            EmitValidation(code, model.Inputs, "process", "inputs", null, model.Validators, self);
            code.Close();
            code.Line();
            var validateOutputs = $"public override void ValidateOutputs({self} process, global::Processes.Ports.PortErrorCollector errors)";
            if (model.Outputs.Any(port => NeedsValidation(port)))
            {
                code.Open(validateOutputs);
                EmitValidation(code, model.Outputs, "process", "outputs", null, EquatableArray<string>.Empty, self);
                code.Close();
            }
            else
            {
                code.Line(validateOutputs + " { }");
            }

            code.Line();

            EmitGetValues(code, $"public override {ValuesType} GetInputs({self} process)", model.Inputs, "process", skipNullOptional: false);
            code.Line();
            EmitGetValues(code, $"public override {ValuesType} GetOutputs({self} process)", model.Outputs, "process", skipNullOptional: true);
            code.Line();

            code.Open($"public override void WriteInputs({self} process, {WriterType} writer)");
            EmitWriteSection(code, "process", inputMembers, InputName);
            code.Close();
            code.Line();
            code.Open($"public override void WriteOutputs({self} process, {WriterType} writer)");
            EmitWriteSection(code, "process", outputMembers, OutputName);
            code.Close();
            code.Line();
            code.Line($"public override void ReadOutputs({self} process, ref {ReaderType} reader) => reader.ReadSection(\"outputs\", process, ReadOutputsMember);");
            code.Line();
            EmitReadMember(code, "ReadOutputsMember", self, outputMembers, OutputName);
            code.Line();
            code.Open($"public override void WriteState({self} process, {WriterType} writer)");
            EmitWriteSection(code, "process", model.State, member => member.Name);
            code.Close();
            code.Line();
            code.Line($"public override void ReadState({self} process, ref {ReaderType} reader) => reader.ReadSection(\"state\", process, ReadStateMember);");
            code.Line();
            EmitReadMember(code, "ReadStateMember", self, model.State, member => member.Name);
            code.Close();
            EmitExposures(code, model);
            return CloseTypes(code, depth);
        }

        /// <summary>
        /// Emits <c>DefineSharedOutline</c> for an outline that is a plain chain of steps: the same
        /// steps, names and order as <c>DefineOutline</c>, each a static lambda that calls the step
        /// method on the instance it is given, so the runtime builds the outline once per type.
        /// </summary>
        private static void EmitSharedOutline(IndentedWriter code, EquatableArray<SharedStepModel> steps, string self)
        {
            code.Line("/// <summary>The outline, built once for every instance: each step is called on the instance it runs for.</summary>");
            code.Open($"public override bool DefineSharedOutline(global::Processes.Generated.SharedOutlineBuilder<{self}> outline)");
            code.Line("outline");
            for (var index = 0; index < steps.Count; index++)
            {
                var step = steps[index];
                var call = $"process.{step.MethodName}({(step.TakesContext ? "context" : string.Empty)})";
                var body = step.ReturnsValueTask ? call : $"{{ {call}; return default; }}";
                var end = index == steps.Count - 1 ? ";" : string.Empty;
                code.Line($"    .Step(static (process, context) => {body}, {Literals.String(step.Name)}){end}");
            }

            code.Line("return true;");
            code.Close();
            code.Line();
        }

        /// <summary>Emits the outline's fingerprint (with the listing it hashes) and the dispatch to the declared migrations.</summary>
        private static void EmitOutlineVersion(IndentedWriter code, OutlineModel outline, string self)
        {
            code.Line("/// <summary>");
            code.Line("/// The outline's fingerprint: the hash of its compiled instructions (docs/concepts/versioning.md).");
            code.Line("/// A checkpoint's position is an index into this listing:");
            code.Line("/// <code>");
            foreach (var line in outline.Listing)
            {
                code.Line("/// " + line.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;"));
            }

            code.Line("/// </code>");
            code.Line("/// </summary>");
            code.Line($"public override string? OutlineFingerprint => {Literals.String(outline.Fingerprint)};");
            code.Line();
            if (outline.Migrations.IsEmpty)
            {
                return;
            }

            code.Open($"public override bool TryMigrateOutline({self} process, string fromFingerprint, int position, out int migratedPosition)");
            code.Open("switch (fromFingerprint)");
            foreach (var migration in outline.Migrations)
            {
                code.Line($"case {Literals.String(migration.FromFingerprint)}:");
                code.Line($"    migratedPosition = {(migration.IsStatic ? self : "process")}.{migration.MethodName}(position);");
                code.Line("    return true;");
            }

            code.Line("default:");
            code.Line("    migratedPosition = position;");
            code.Line("    return false;");
            code.Close();
            code.Close();
            code.Line();
        }

        /// <summary>Emits a static field holding a namespace spec: the factory call opened by <paramref name="call"/>, then one port per line.</summary>
        private static void EmitSpecField(IndentedWriter code, string field, string call, EquatableArray<PortModel> ports)
        {
            var start = $"private static readonly global::Processes.Ports.PortNamespace {field} = {call}";
            if (ports.IsEmpty)
            {
                code.Line(start + ");");
                return;
            }

            code.Line(start + ",");
            code.Continuation(ports.Select(port => PortSpec(port, "CreateWithDefaults()")).ToList(), ");");
        }

        /// <summary>The whole-namespace validators as an array of delegates over <c>object</c>, or <c>null</c>.</summary>
        private static string Validators(EquatableArray<string> validators, string self) =>
            validators.IsEmpty
                ? "null"
                : $"new global::System.Func<object, string?>[] {{ {string.Join(", ", validators.Select(name => $"static value => {self}.{name}(({self})value)"))} }}";
    }
}
