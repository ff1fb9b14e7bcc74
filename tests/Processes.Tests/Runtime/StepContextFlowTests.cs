using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// Each step runs in an execution context of its own, as an async method's body does: ambient
/// values (<see cref="System.Threading.AsyncLocal{T}"/>) a step sets end with it, whether the step
/// completed on the calling thread or not. A later step may run in another host after a restart,
/// so it must not depend on what an earlier step left in the ambient context.
/// </summary>
public sealed class StepContextFlowTests
{
    [Fact]
    public async Task An_ambient_value_a_synchronous_step_sets_ends_with_the_step()
    {
        await using var runtime = NewRuntime(new InMemoryCheckpointStore());

        var finished = await runtime.RunAsync(new SetsAmbientValue());

        Assert.Equal("nothing", finished.SeenBySecondStep);
        Assert.Null(SetsAmbientValue.Ambient.Value);
    }
}
