namespace Processes;

/// <summary>
/// A type's concurrency declaration, as the generator compiled it from <see cref="ConcurrencyAttribute"/>
/// and <see cref="SingleInstanceAttribute"/> (<see cref="ProcessDescriptor.Concurrency"/>).
/// </summary>
/// <param name="MaxRunning">How many instances may run at once, or null for no limit.</param>
/// <param name="SingleInstance">True when at most one instance runs per key (<see cref="ProcessDescriptor{TProcess}.ConcurrencyKey"/>).</param>
/// <param name="OnDuplicate">What a duplicate launch gets when <paramref name="SingleInstance"/> is set.</param>
public sealed record ConcurrencyLimits(int? MaxRunning, bool SingleInstance, DuplicatePolicy OnDuplicate);
