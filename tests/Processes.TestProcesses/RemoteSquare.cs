using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.TestProcesses;

/// <summary>
/// A task: squares X after an optional delay. <see cref="Mode"/> scripts failures that must
/// cross a process boundary: "throw" throws, "hang" waits until killed.
/// </summary>
public sealed class RemoteSquare : IProcessDefinition<RemoteSquare>
{
    public const string Throw = "throw";
    public const string Hang = "hang";

    public RemoteSquare()
    {
    }

    [SetsRequiredMembers]
    private RemoteSquare(ref ProcessReader reader)
    {
        var count = reader.ReadSectionHeader();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadMemberName();
            var value = reader.ReadLengthPrefixed();
            switch (name)
            {
                case "x": X = value.ReadInt32(); break;
                case "delay_ms": DelayMs = value.ReadInt32(); break;
                case "mode": Mode = value.ReadString(); break;
            }
        }
    }

    public required int X { get; init; }

    public int DelayMs { get; init; }

    public string? Mode { get; init; }

    public long Result { get; private set; }

    public static ProcessDescriptor<RemoteSquare> Descriptor { get; } = new SquareDescriptor();

    private async ValueTask RunAsync(TaskContext context)
    {
        if (DelayMs > 0)
        {
            await Task.Delay(DelayMs, context.CancellationToken);
        }

        switch (Mode)
        {
            case Throw:
                throw new InvalidOperationException($"Square of {X} refused on purpose.");
            case Hang:
                await Task.Delay(System.Threading.Timeout.Infinite, context.CancellationToken);
                break;
        }

        Result = (long)X * X;
    }

    private sealed class SquareDescriptor : ProcessDescriptor<RemoteSquare>
    {
        public SquareDescriptor()
            : base("Processes.TestProcesses.RemoteSquare", ProcessKind.Task)
        {
            ProcessRegistry.Global.Register(this);
        }

        public override PortNamespace Inputs { get; } = new("inputs")
        {
            Ports =
            [
                new ValuePort<int>("x") { Required = true, TypeName = "int" },
                new ValuePort<int>("delay_ms") { TypeName = "int" },
                new ValuePort<string?>("mode") { AcceptsNull = true, TypeName = "string?" },
            ],
        };

        public override PortNamespace Outputs { get; } = new("outputs") { Ports = [new ValuePort<long>("result") { Required = true, TypeName = "long" }] };

        public override object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs) => new RemoteSquare
        {
            X = (int)inputs["x"]!,
            DelayMs = inputs.TryGetValue("delay_ms", out var d) && d is int delay ? delay : 0,
            Mode = inputs.TryGetValue("mode", out var m) ? (string?)m : null,
        };

        public override void ValidateInputs(RemoteSquare process, PortErrorCollector errors)
        {
            if (PortChecks.Range(process.X, 0, 1_000_000) is { } x)
            {
                errors.Add("inputs.x", x);
            }

            if (PortChecks.Range(process.DelayMs, 0, 60_000) is { } delay)
            {
                errors.Add("inputs.delay_ms", delay);
            }
        }

        public override void ValidateOutputs(RemoteSquare process, PortErrorCollector errors)
        {
        }

        public override IReadOnlyDictionary<string, object?> GetInputs(RemoteSquare process) =>
            new Dictionary<string, object?> { ["x"] = process.X, ["delay_ms"] = process.DelayMs, ["mode"] = process.Mode };

        public override IReadOnlyDictionary<string, object?> GetOutputs(RemoteSquare process) =>
            new Dictionary<string, object?> { ["result"] = process.Result };

        public override void WriteInputs(RemoteSquare process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(3);
            SectionWriting.Member(writer, "x", w => w.WriteInt32(process.X));
            SectionWriting.Member(writer, "delay_ms", w => w.WriteInt32(process.DelayMs));
            SectionWriting.Member(writer, "mode", w => w.WriteString(process.Mode));
        }

        public override RemoteSquare ReadInputs(ref ProcessReader reader) => new(ref reader);

        public override void WriteOutputs(RemoteSquare process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(1);
            SectionWriting.Member(writer, "result", w => w.WriteInt64(process.Result));
        }

        public override void ReadOutputs(RemoteSquare process, ref ProcessReader reader)
        {
            var count = reader.ReadSectionHeader();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadMemberName();
                var value = reader.ReadLengthPrefixed();
                if (name == "result")
                {
                    process.Result = value.ReadInt64();
                }
            }
        }

        public override void WriteState(RemoteSquare process, ProcessWriter writer) => writer.WriteSectionHeader(0);

        public override void ReadState(RemoteSquare process, ref ProcessReader reader) => reader.ReadSectionHeader();

        public override ValueTask RunAsync(RemoteSquare process, TaskContext context) => process.RunAsync(context);
    }
}
