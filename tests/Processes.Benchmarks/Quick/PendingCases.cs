namespace Processes.Benchmarks.Quick;

/// <summary>
/// Cases that need code not written yet. They are listed, never measured: when the named-pipe
/// layer and an AOT-published worker exist, each becomes a benchmark class and a
/// <see cref="MeasuredCases"/> method like the others.
/// </summary>
internal static class PendingCases
{
    public static CaseResult RemoteCall() =>
        CaseResult.Pending("remote-call", "not set yet", "the named-pipe transport and worker host");

    public static CaseResult RemoteThroughput() =>
        CaseResult.Pending("remote-throughput", "not set yet", "the named-pipe transport with multiplexing");

    public static CaseResult AotWorker() =>
        CaseResult.Pending("aot-worker", "not set yet", "the worker host and its AOT publish");
}
