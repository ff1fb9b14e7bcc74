using System.Threading;

namespace Processes.Runtime;

/// <summary>
/// Numbers every execution object as it is created, across runtimes. A transport compares an
/// execution's number with the value it read when a message arrived to tell an execution created
/// for that message (it read the store after the message was sent) from an older one.
/// </summary>
internal static class ExecutionSequence
{
    private static long _last;

    /// <summary>The number of the execution created last.</summary>
    public static long Current => Volatile.Read(ref _last);

    public static long Next() => Interlocked.Increment(ref _last);
}
