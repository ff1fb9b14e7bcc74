namespace Processes.Analyzers;

/// <summary>The categories diagnostics are grouped by (as shown in the IDE and in <c>.editorconfig</c> bulk settings).</summary>
internal static class DiagnosticCategories
{
    /// <summary>How a <c>[Process]</c> or <c>[Task]</c> class itself is declared.</summary>
    public const string Declaration = "Processes.Declaration";

    /// <summary>How input and output ports are declared and named.</summary>
    public const string Ports = "Processes.Ports";

    /// <summary>Validation attributes, constant defaults and custom validators.</summary>
    public const string Validation = "Processes.Validation";

    /// <summary>Types the checkpoint and wire serializer must handle.</summary>
    public const string Serialization = "Processes.Serialization";

    /// <summary>The outline of a <c>[Process]</c>.</summary>
    public const string Outline = "Processes.Outline";

    /// <summary>How processes are used at run time: children and waiting.</summary>
    public const string Usage = "Processes.Usage";
}
