using System.Text.Json.Serialization;

namespace Processes.Benchmarks.Subjects;

/// <summary>The second reference of the codec cases: System.Text.Json with source-generated metadata.</summary>
[JsonSerializable(typeof(RepresentativeState))]
[JsonSerializable(typeof(OrderBatch))]
[JsonSerializable(typeof(SampleSeries))]
[JsonSerializable(typeof(TextBatch))]
internal sealed partial class CodecShapesJsonContext : JsonSerializerContext;
