namespace Processes;

/// <summary>
/// The dotted paths errors are reported at (<c>inputs.options.mode</c>, <c>state._energies</c>):
/// one home for the rule, shared by validation, serialization and the exceptions.
/// </summary>
internal static class PortPath
{
    /// <summary>Joins a namespace (or section) path and a member name.</summary>
    public static string Join(string path, string name) => string.Concat(path, ".", name);
}
