namespace Processes.Ports;

/// <summary>One validation error: the full dotted path of the port (e.g. <c>inputs.options.tol</c>) and what is wrong.</summary>
/// <param name="Path">The port path rooted at <c>inputs</c> or <c>outputs</c>.</param>
/// <param name="Message">What is wrong with the value.</param>
public sealed record PortError(string Path, string Message)
{
    /// <summary>The message of the error reported for a required port that has no value.</summary>
    public const string MissingRequired = "required value was not provided";

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
