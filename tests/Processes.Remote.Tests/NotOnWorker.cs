using System.Collections.Generic;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Remote.Tests;

/// <summary>A task only the test process knows: the worker has no such type registered.</summary>
public sealed class NotOnWorker : IProcessDefinition<NotOnWorker>
{
    public static ProcessDescriptor<NotOnWorker> Descriptor { get; } = new NotOnWorkerDescriptor();

    private sealed class NotOnWorkerDescriptor() : ProcessDescriptor<NotOnWorker>("Processes.Remote.Tests.NotOnWorker", ProcessKind.Task)
    {
        public override PortNamespace Inputs { get; } = new("inputs");

        public override PortNamespace Outputs { get; } = new("outputs");

        public override object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs) => new NotOnWorker();

        public override void ValidateInputs(NotOnWorker process, PortErrorCollector errors)
        {
        }

        public override void ValidateOutputs(NotOnWorker process, PortErrorCollector errors)
        {
        }

        public override IReadOnlyDictionary<string, object?> GetInputs(NotOnWorker process) => new Dictionary<string, object?>();

        public override IReadOnlyDictionary<string, object?> GetOutputs(NotOnWorker process) => new Dictionary<string, object?>();

        public override void WriteInputs(NotOnWorker process, ProcessWriter writer) => writer.WriteSectionHeader(0);

        public override NotOnWorker ReadInputs(ref ProcessReader reader)
        {
            reader.ReadSectionHeader();
            return new NotOnWorker();
        }

        public override void WriteOutputs(NotOnWorker process, ProcessWriter writer) => writer.WriteSectionHeader(0);

        public override void ReadOutputs(NotOnWorker process, ref ProcessReader reader) => reader.ReadSectionHeader();

        public override void WriteState(NotOnWorker process, ProcessWriter writer) => writer.WriteSectionHeader(0);

        public override void ReadState(NotOnWorker process, ref ProcessReader reader) => reader.ReadSectionHeader();

        public override ValueTask RunAsync(NotOnWorker process, TaskContext context) => default;
    }
}
