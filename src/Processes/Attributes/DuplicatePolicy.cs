namespace Processes;

/// <summary>What a launch of a <see cref="SingleInstanceAttribute"/> type gets when one with the same key already runs or waits.</summary>
public enum DuplicatePolicy
{
    /// <summary>The duplicate joins the running one: the caller gets its handle and its result.</summary>
    Join = 0,

    /// <summary>The duplicate is refused with <see cref="DuplicateProcessException"/>.</summary>
    Reject = 1,
}
