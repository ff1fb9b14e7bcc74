using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.TestProcesses;

/// <summary>
/// A checkpointed process: launches one <see cref="RemoteSquare"/> child per turn of a loop
/// (each taking <see cref="ChildDelayMs"/>) and sums their results. After each collected child
/// it reports "collected N" as its status, so a test can tell how far it got. With
/// <see cref="SkipSummary"/> it leaves its required summary unset and finishes unsuccessfully.
/// </summary>
public sealed class RemoteSumOfSquares : IProcessDefinition<RemoteSumOfSquares>
{
    private int _index;
    private long _sum;

    public RemoteSumOfSquares()
    {
    }

    [SetsRequiredMembers]
    private RemoteSumOfSquares(ref ProcessReader reader)
    {
        var count = reader.ReadSectionHeader();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadMemberName();
            var value = reader.ReadLengthPrefixed();
            switch (name)
            {
                case "count": Count = value.ReadInt32(); break;
                case "child_delay_ms": ChildDelayMs = value.ReadInt32(); break;
                case "skip_summary": SkipSummary = value.ReadBoolean(); break;
            }
        }
    }

    public required int Count { get; init; }

    public int ChildDelayMs { get; init; }

    public bool SkipSummary { get; init; }

    public long Total { get; private set; }

    public string? Summary { get; private set; }

    public static ProcessDescriptor<RemoteSumOfSquares> Descriptor { get; } = new SumDescriptor();

    public static long Expected(int count)
    {
        long sum = 0;
        for (var i = 1; i <= count; i++)
        {
            sum += (long)i * i;
        }

        return sum;
    }

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _index < Count, loop => loop.Step(LaunchSquare).Step(Collect))
        .Step(Finish);

    private ValueTask LaunchSquare(StepContext context)
    {
        context.Launch("square" + _index, new RemoteSquare { X = _index + 1, DelayMs = ChildDelayMs });
        return default;
    }

    private ValueTask Collect(StepContext context)
    {
        _sum += context.Child<RemoteSquare>("square" + _index).Result;
        _index++;
        context.ReportStatus("collected " + _index);
        return default;
    }

    private ValueTask Finish(StepContext context)
    {
        Total = _sum;
        Summary = SkipSummary ? null : $"sum of {Count} squares";
        return default;
    }

    private sealed class SumDescriptor : ProcessDescriptor<RemoteSumOfSquares>
    {
        public SumDescriptor()
            : base("Processes.TestProcesses.RemoteSumOfSquares", ProcessKind.Process)
        {
            ProcessRegistry.Global.Register(this);
        }

        public override PortNamespace Inputs { get; } = new("inputs")
        {
            Ports =
            [
                new ValuePort<int>("count") { Required = true, TypeName = "int" },
                new ValuePort<int>("child_delay_ms") { TypeName = "int" },
                new ValuePort<bool>("skip_summary") { TypeName = "bool" },
            ],
        };

        public override PortNamespace Outputs { get; } = new("outputs")
        {
            Ports = [new ValuePort<long>("total") { Required = true, TypeName = "long" }, new ValuePort<string>("summary") { Required = true, TypeName = "string" }],
        };

        public override object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs) => new RemoteSumOfSquares
        {
            Count = (int)inputs["count"]!,
            ChildDelayMs = inputs.TryGetValue("child_delay_ms", out var d) && d is int delay ? delay : 0,
            SkipSummary = inputs.TryGetValue("skip_summary", out var s) && s is true,
        };

        public override void ValidateInputs(RemoteSumOfSquares process, PortErrorCollector errors)
        {
            if (PortChecks.Range(process.Count, 0, 100) is { } count)
            {
                errors.Add("inputs.count", count);
            }

            if (PortChecks.Range(process.ChildDelayMs, 0, 60_000) is { } delay)
            {
                errors.Add("inputs.child_delay_ms", delay);
            }
        }

        public override void ValidateOutputs(RemoteSumOfSquares process, PortErrorCollector errors)
        {
            if (process.Summary is null)
            {
                errors.Add("outputs.summary", PortChecks.MissingRequired);
            }
        }

        public override IReadOnlyDictionary<string, object?> GetInputs(RemoteSumOfSquares process) =>
            new Dictionary<string, object?> { ["count"] = process.Count, ["child_delay_ms"] = process.ChildDelayMs, ["skip_summary"] = process.SkipSummary };

        public override IReadOnlyDictionary<string, object?> GetOutputs(RemoteSumOfSquares process) =>
            new Dictionary<string, object?> { ["total"] = process.Total, ["summary"] = process.Summary };

        public override void WriteInputs(RemoteSumOfSquares process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(3);
            SectionWriting.Member(writer, "count", w => w.WriteInt32(process.Count));
            SectionWriting.Member(writer, "child_delay_ms", w => w.WriteInt32(process.ChildDelayMs));
            SectionWriting.Member(writer, "skip_summary", w => w.WriteBoolean(process.SkipSummary));
        }

        public override RemoteSumOfSquares ReadInputs(ref ProcessReader reader) => new(ref reader);

        public override void WriteOutputs(RemoteSumOfSquares process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(2);
            SectionWriting.Member(writer, "total", w => w.WriteInt64(process.Total));
            SectionWriting.Member(writer, "summary", w => w.WriteString(process.Summary));
        }

        public override void ReadOutputs(RemoteSumOfSquares process, ref ProcessReader reader)
        {
            var count = reader.ReadSectionHeader();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadMemberName();
                var value = reader.ReadLengthPrefixed();
                switch (name)
                {
                    case "total": process.Total = value.ReadInt64(); break;
                    case "summary": process.Summary = value.ReadString(); break;
                }
            }
        }

        public override void WriteState(RemoteSumOfSquares process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(2);
            SectionWriting.Member(writer, "_index", w => w.WriteInt32(process._index));
            SectionWriting.Member(writer, "_sum", w => w.WriteInt64(process._sum));
        }

        public override void ReadState(RemoteSumOfSquares process, ref ProcessReader reader)
        {
            var count = reader.ReadSectionHeader();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadMemberName();
                var value = reader.ReadLengthPrefixed();
                switch (name)
                {
                    case "_index": process._index = value.ReadInt32(); break;
                    case "_sum": process._sum = value.ReadInt64(); break;
                }
            }
        }

        public override void DefineOutline(RemoteSumOfSquares process, OutlineBuilder outline) => process.DefineOutline(outline);
    }
}
