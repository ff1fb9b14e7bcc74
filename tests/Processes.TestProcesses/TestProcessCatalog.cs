namespace Processes.TestProcesses;

/// <summary>Registers the test processes before a worker serves requests that name them.</summary>
public static class TestProcessCatalog
{
    public static void Register() => ProcessRegistry.Global.Register<RemoteSquare>().Register<RemoteSumOfSquares>().Register<RemoteEcho>()
        .Register<RemoteApproval>().Register<RemoteFailsUntilFile>()
        .Register<KeyedSquare>().Register<ExclusiveCharge>().Register<LimitedSquare>()
        .Register<IncrementTally>().Register<RemoteUnwritableOutput>()
        .RegisterEventPayload<RemoteDecision>();
}
