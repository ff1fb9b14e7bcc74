using System.Threading.Tasks;
using Processes.Remote.Tests;
using Processes.TestProcesses;
using Xunit;

[assembly: AssemblyFixture(typeof(SharedWorker))]

namespace Processes.Remote.Tests;

/// <summary>One real worker with a shared secret, shared by the tests that do not need their own.</summary>
public sealed class SharedWorker : IAsyncLifetime
{
    public const string Secret = "correct horse battery staple";

    public WorkerProcess Worker { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        TestProcessCatalog.Register();
        Worker = await WorkerProcess.StartAsync(Secret);
    }

    public ValueTask DisposeAsync() => Worker.DisposeAsync();
}
