namespace Processes.Ports;

/// <summary>One validation error: the full dotted path of the port (e.g. <c>inputs.options.tol</c>) and what is wrong.</summary>
/// <param name="Path">The port path rooted at <c>inputs</c> or <c>outputs</c>.</param>
/// <param name="Message">What is wrong with the value.</param>
public sealed record PortError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
