using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Tests.Runtime;

// These two classes carry hand-written descriptors of exactly the shape the generator emits, so
// the runtime's behaviour is tested independently of the generator.

/// <summary>A task: squares X.</summary>
public sealed class ManualSquare : IProcessDefinition<ManualSquare>
{
    public ManualSquare()
    {
    }

    [SetsRequiredMembers]
    private ManualSquare(ref ProcessReader reader)
    {
        var count = reader.ReadSectionHeader();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadMemberName();
            var value = reader.ReadLengthPrefixed();
            switch (name)
            {
                case "x": X = value.ReadInt32(); break;
                case "script": Script = value.ReadString(); break;
            }
        }
    }

    public required int X { get; init; }

    public string? Script { get; init; }

    public int Result { get; private set; }

    public static ProcessDescriptor<ManualSquare> Descriptor { get; } = new SquareDescriptor();

    private async ValueTask RunAsync(TaskContext context)
    {
        await TestHooks.Run(Script, "run", this, context);
        Result = X * X;
    }

    private sealed class SquareDescriptor : ProcessDescriptor<ManualSquare>
    {
        public SquareDescriptor()
            : base("Processes.Tests.ManualSquare", ProcessKind.Task)
        {
            ProcessRegistry.Global.Register(this);
        }

        public override PortNamespace Inputs { get; } = new("inputs")
        {
            Ports = [new ValuePort<int>("x") { Required = true, TypeName = "int" }, new ValuePort<string?>("script") { AcceptsNull = true, TypeName = "string?" }],
            Bind = values => new ManualSquare { X = (int)values["x"]!, Script = values.TryGetValue("script", out var s) ? (string?)s : null },
        };

        public override PortNamespace Outputs { get; } = new("outputs") { Ports = [new ValuePort<int>("result") { Required = true, TypeName = "int" }] };

        public override object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs) => Inputs.Bind!(inputs);

        public override void ValidateInputs(ManualSquare process, PortErrorCollector errors)
        {
            if (process.X < 0)
            {
                errors.Add("inputs.x", "must be at least 0");
            }
        }

        public override void ValidateOutputs(ManualSquare process, PortErrorCollector errors)
        {
        }

        public override IReadOnlyDictionary<string, object?> GetInputs(ManualSquare process) =>
            new Dictionary<string, object?> { ["x"] = process.X, ["script"] = process.Script };

        public override IReadOnlyDictionary<string, object?> GetOutputs(ManualSquare process) =>
            new Dictionary<string, object?> { ["result"] = process.Result };

        public override void WriteInputs(ManualSquare process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(2);
            writer.WriteMemberName("x");
            var mark = writer.BeginLengthPrefixed();
            writer.WriteInt32(process.X);
            writer.EndLengthPrefixed(mark);
            writer.WriteMemberName("script");
            mark = writer.BeginLengthPrefixed();
            writer.WriteString(process.Script);
            writer.EndLengthPrefixed(mark);
        }

        public override ManualSquare ReadInputs(ref ProcessReader reader) => new(ref reader);

        public override void WriteOutputs(ManualSquare process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(1);
            writer.WriteMemberName("result");
            var mark = writer.BeginLengthPrefixed();
            writer.WriteInt32(process.Result);
            writer.EndLengthPrefixed(mark);
        }

        public override void ReadOutputs(ManualSquare process, ref ProcessReader reader)
        {
            var count = reader.ReadSectionHeader();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadMemberName();
                var value = reader.ReadLengthPrefixed();
                if (name == "result")
                {
                    process.Result = value.ReadInt32();
                }
            }
        }

        public override void WriteState(ManualSquare process, ProcessWriter writer) => writer.WriteSectionHeader(0);

        public override void ReadState(ManualSquare process, ref ProcessReader reader) => reader.ReadSectionHeader();

        public override ValueTask RunAsync(ManualSquare process, TaskContext context) => process.RunAsync(context);
    }
}

/// <summary>A process: launches one ManualSquare child per turn of a loop and sums their results.</summary>
public sealed class ManualSumOfSquares : IProcessDefinition<ManualSumOfSquares>
{
    private int _index;
    private int _sum;

    public ManualSumOfSquares()
    {
    }

    [SetsRequiredMembers]
    private ManualSumOfSquares(ref ProcessReader reader)
    {
        var count = reader.ReadSectionHeader();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadMemberName();
            var value = reader.ReadLengthPrefixed();
            switch (name)
            {
                case "count": Count = value.ReadInt32(); break;
                case "script": Script = value.ReadString(); break;
                case "child_script": ChildScript = value.ReadString(); break;
            }
        }
    }

    public required int Count { get; init; }

    public string? Script { get; init; }

    public string? ChildScript { get; init; }

    public int Total { get; private set; }

    /// <summary>A required output of reference type: null means missing.</summary>
    public string? Summary { get; set; }

    public List<string> Trace { get; } = new();

    public int Index => _index;

    public static ProcessDescriptor<ManualSumOfSquares> Descriptor { get; } = new SumDescriptor();

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Setup)
        .While(() => _index < Count, loop => loop.Step(LaunchSquare).Step(Collect))
        .If(() => Script == "return-early", then => then.Return(3, "returned early"))
        .Step(Finish);

    private ValueTask Setup(StepContext context)
    {
        Trace.Add("setup");
        return TestHooks.Run(Script, "setup", this, context);
    }

    private async ValueTask LaunchSquare(StepContext context)
    {
        Trace.Add("launch" + _index);
        context.Launch("square" + _index, new ManualSquare { X = _index + 1, Script = ChildScript });
        await TestHooks.Run(Script, "launch", this, context);
    }

    private async ValueTask Collect(StepContext context)
    {
        Trace.Add("collect" + _index);
        _sum += context.Child<ManualSquare>("square" + _index).Result;
        _index++;
        await TestHooks.Run(Script, "collect", this, context);
    }

    private async ValueTask Finish(StepContext context)
    {
        Trace.Add("finish");
        Total = _sum;
        Summary = $"sum of {Count} squares";
        await TestHooks.Run(Script, "finish", this, context);
    }

    private sealed class SumDescriptor : ProcessDescriptor<ManualSumOfSquares>
    {
        public SumDescriptor()
            : base("Processes.Tests.ManualSumOfSquares", ProcessKind.Process)
        {
            ProcessRegistry.Global.Register(this);
        }

        public override bool VerifyCheckpointsOnSave => true;

        public override PortNamespace Inputs { get; } = new("inputs")
        {
            Ports =
            [
                new ValuePort<int>("count") { Required = true, TypeName = "int", Validators = [static v => PortChecks.Range(v, 0, 100)] },
                new ValuePort<string?>("script") { AcceptsNull = true, TypeName = "string?" },
                new ValuePort<string?>("child_script") { AcceptsNull = true, TypeName = "string?" },
            ],
        };

        public override PortNamespace Outputs { get; } = new("outputs")
        {
            Ports = [new ValuePort<int>("total") { Required = true, TypeName = "int" }, new ValuePort<string>("summary") { Required = true, TypeName = "string" }],
        };

        public override object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs) => new ManualSumOfSquares
        {
            Count = (int)inputs["count"]!,
            Script = inputs.TryGetValue("script", out var s) ? (string?)s : null,
            ChildScript = inputs.TryGetValue("child_script", out var c) ? (string?)c : null,
        };

        public override void ValidateInputs(ManualSumOfSquares process, PortErrorCollector errors)
        {
            if (PortChecks.Range(process.Count, 0, 100) is { } error)
            {
                errors.Add("inputs.count", error);
            }
        }

        public override void ValidateOutputs(ManualSumOfSquares process, PortErrorCollector errors)
        {
            if (process.Summary is null)
            {
                errors.Add("outputs.summary", PortChecks.MissingRequired);
            }
        }

        public override IReadOnlyDictionary<string, object?> GetInputs(ManualSumOfSquares process) =>
            new Dictionary<string, object?> { ["count"] = process.Count, ["script"] = process.Script, ["child_script"] = process.ChildScript };

        public override IReadOnlyDictionary<string, object?> GetOutputs(ManualSumOfSquares process) =>
            new Dictionary<string, object?> { ["total"] = process.Total, ["summary"] = process.Summary };

        public override void WriteInputs(ManualSumOfSquares process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(3);
            WriteMember(writer, "count", w => w.WriteInt32(process.Count));
            WriteMember(writer, "script", w => w.WriteString(process.Script));
            WriteMember(writer, "child_script", w => w.WriteString(process.ChildScript));
        }

        public override ManualSumOfSquares ReadInputs(ref ProcessReader reader) => new(ref reader);

        public override void WriteOutputs(ManualSumOfSquares process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(2);
            WriteMember(writer, "total", w => w.WriteInt32(process.Total));
            WriteMember(writer, "summary", w => w.WriteString(process.Summary));
        }

        public override void ReadOutputs(ManualSumOfSquares process, ref ProcessReader reader)
        {
            var count = reader.ReadSectionHeader();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadMemberName();
                var value = reader.ReadLengthPrefixed();
                switch (name)
                {
                    case "total": process.Total = value.ReadInt32(); break;
                    case "summary": process.Summary = value.ReadString(); break;
                }
            }
        }

        public override void WriteState(ManualSumOfSquares process, ProcessWriter writer)
        {
            writer.WriteSectionHeader(3);
            WriteMember(writer, "_index", w => w.WriteInt32(process._index));
            WriteMember(writer, "_sum", w => w.WriteInt32(process._sum));
            WriteMember(writer, "trace", w =>
            {
                w.WriteCollectionHeader(process.Trace.Count);
                foreach (var entry in process.Trace)
                {
                    w.WriteString(entry);
                }
            });
        }

        public override void ReadState(ManualSumOfSquares process, ref ProcessReader reader)
        {
            var count = reader.ReadSectionHeader();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadMemberName();
                var value = reader.ReadLengthPrefixed();
                switch (name)
                {
                    case "_index": process._index = value.ReadInt32(); break;
                    case "_sum": process._sum = value.ReadInt32(); break;
                    case "trace":
                        value.TryReadCollectionHeader(out var entries, 4);
                        process.Trace.Clear();
                        for (var e = 0; e < entries; e++)
                        {
                            process.Trace.Add(value.ReadString()!);
                        }

                        break;
                }
            }
        }

        public override void DefineOutline(ManualSumOfSquares process, OutlineBuilder outline) => process.DefineOutline(outline);

        private static void WriteMember(ProcessWriter writer, string name, System.Action<ProcessWriter> write)
        {
            writer.WriteMemberName(name);
            var mark = writer.BeginLengthPrefixed();
            write(writer);
            writer.EndLengthPrefixed(mark);
        }
    }
}
