namespace Processes.Runtime;

/// <summary>How a task body or outline ended when it ran to its end (exit code 0 = success).</summary>
internal readonly record struct BodyResult(int ExitCode, string? ExitMessage);
