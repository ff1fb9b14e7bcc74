using System.Threading;

namespace Processes.Tests.Runtime;

/// <summary>Sets an <see cref="AsyncLocal{T}"/> in its first step (synchronously) and records what the second step sees.</summary>
[Process]
public partial class SetsAmbientValue
{
    /// <summary>The ambient value the steps set and read; static, as ambient context is.</summary>
    public static readonly AsyncLocal<string?> Ambient = new();

    [Output] public string SeenBySecondStep { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Set).Step(Read);

    private void Set() => Ambient.Value = "set by the first step";

    private void Read() => SeenBySecondStep = Ambient.Value ?? "nothing";
}
