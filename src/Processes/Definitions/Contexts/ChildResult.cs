namespace Processes;

/// <summary>How one child of a fan-out ended, as <see cref="StepContext.GetChildResults{TChild}"/> reads it.</summary>
/// <typeparam name="TChild">The child's type.</typeparam>
/// <param name="Index">The item's position in the fan-out.</param>
/// <param name="Process">The finished child with its outputs; null when it failed.</param>
/// <param name="Failure">Why it failed (its final status inside); null when it succeeded.</param>
public sealed record ChildResult<TChild>(int Index, TChild? Process, ChildProcessFailedException? Failure)
    where TChild : class
{
    /// <summary>True when the child finished successfully.</summary>
    public bool Succeeded => Process is not null;
}
