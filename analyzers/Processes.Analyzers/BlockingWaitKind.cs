namespace Processes.Analyzers;

/// <summary>The blocking calls PRC0022 reports; the code fix rewrites each differently.</summary>
internal enum BlockingWaitKind
{
    /// <summary><c>task.Result</c>.</summary>
    Result,

    /// <summary><c>task.Wait(...)</c>.</summary>
    Wait,

    /// <summary><c>task.GetAwaiter().GetResult()</c>.</summary>
    GetResult,

    /// <summary><c>Thread.Sleep(...)</c>.</summary>
    Sleep,

    /// <summary><c>Task.WaitAll(...)</c> or <c>Task.WaitAny(...)</c>.</summary>
    WaitAllOrAny,
}
