namespace Processes.TestProcesses;

/// <summary>Registers the test processes in the global registry, as a generated module initializer would.</summary>
public static class TestProcessCatalog
{
    public static void Register()
    {
        _ = RemoteSquare.Descriptor;
        _ = RemoteSumOfSquares.Descriptor;
    }
}
