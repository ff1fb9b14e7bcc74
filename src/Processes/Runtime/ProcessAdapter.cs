using System;
using System.Threading;
using System.Threading.Tasks;
using System.Collections.Generic;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>Binds the untyped runtime to one process type's generated descriptor.</summary>
internal sealed class ProcessAdapter<TProcess> : IProcessAdapter
    where TProcess : class
{
    private readonly ProcessDescriptor<TProcess> _descriptor;

    public ProcessAdapter(ProcessDescriptor<TProcess> descriptor) => _descriptor = descriptor;

    public ProcessDescriptor Descriptor => _descriptor;

    public ProcessExecution Create(ProcessRuntime runtime, object process, ProcessSnapshot snapshot, bool isRun) =>
        new ProcessExecution<TProcess>(runtime, _descriptor, (TProcess)process, snapshot) { IsRun = isRun };

    public ProcessExecution Restore(ProcessRuntime runtime, ProcessSnapshot snapshot, CheckpointEnvelope.Sections sections) =>
        ProcessExecution<TProcess>.Restore(runtime, _descriptor, snapshot, sections);

    public object ReadInputs(ReadOnlySpan<byte> inputs)
    {
        var reader = new ProcessReader(inputs);
        return _descriptor.ReadInputs(ref reader);
    }

    public IReadOnlyList<PortError> ValidateInputs(object process)
    {
        var errors = new PortErrorCollector();
        _descriptor.ValidateInputs((TProcess)process, errors);
        return errors.Errors;
    }

    public void WriteInputs(ProcessHandle handle, ProcessWriter writer) => _descriptor.WriteInputs(Typed(handle).Process, writer);

    public void WriteOutputs(ProcessHandle handle, ProcessWriter writer) => _descriptor.WriteOutputs(Typed(handle).Process, writer);

    public void WriteOutputs(object process, ProcessWriter writer) => _descriptor.WriteOutputs((TProcess)process, writer);

    public async ValueTask<object> RunInlineAsync(ProcessRuntime runtime, object process, CancellationToken cancellationToken) =>
        await runtime.RunInline(_descriptor, (TProcess)process, cancellationToken).ConfigureAwait(false);

    private ProcessHandle<TProcess> Typed(ProcessHandle handle) =>
        handle as ProcessHandle<TProcess> ?? throw new InvalidOperationException($"{handle} is not a {_descriptor.Name}.");
}

/// <summary>Creates the runtime's typed adapter of a descriptor known only by name.</summary>
internal static class ProcessAdapters
{
    /// <summary>The typed adapter of <paramref name="descriptor"/>: stateless, so made once per descriptor and kept on it.</summary>
    public static IProcessAdapter CreateAdapter(this ProcessDescriptor descriptor) =>
        (IProcessAdapter)(descriptor.RuntimeAdapter ??= descriptor.Accept(Factory.Instance));

    private sealed class Factory : IProcessDescriptorVisitor<IProcessAdapter>
    {
        public static readonly Factory Instance = new();

        public IProcessAdapter Visit<TProcess>(ProcessDescriptor<TProcess> descriptor)
            where TProcess : class =>
            new ProcessAdapter<TProcess>(descriptor);
    }
}
