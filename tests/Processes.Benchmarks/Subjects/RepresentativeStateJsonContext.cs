using System.Text.Json.Serialization;

namespace Processes.Benchmarks.Subjects;

/// <summary>The baseline of checkpoint-codec: System.Text.Json with source-generated metadata (no reflection at run time).</summary>
[JsonSerializable(typeof(RepresentativeState))]
internal sealed partial class RepresentativeStateJsonContext : JsonSerializerContext;
