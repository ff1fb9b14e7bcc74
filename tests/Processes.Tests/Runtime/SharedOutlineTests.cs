using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>
/// A plain chain of steps is built once per type (the generated <c>DefineSharedOutline</c>), with
/// the same instructions, in the same order and under the same names, as the outline a run would
/// build from <c>DefineOutline</c>: positions in checkpoints mean the same either way.
/// </summary>
public sealed class SharedOutlineTests
{
    [Fact]
    public void A_shared_outline_has_the_instructions_of_the_outline_built_per_run()
    {
        var descriptor = DescriptorOf<ThreeCheapSteps>();
        var shared = descriptor.SharedOutline;
        Assert.NotNull(shared);
        Assert.Same(shared, descriptor.SharedOutline);

        var perRun = OutlineBuilder.Rent(4);
        descriptor.DefineOutline(new ThreeCheapSteps { Seed = 1 }, perRun);
        Assert.Equal(perRun.Count, shared.Count);
        for (var position = 0; position < shared.Count; position++)
        {
            Assert.Equal(OutlineInstructionKind.Step, shared[position].Kind);
            Assert.Equal(perRun[position].Kind, shared[position].Kind);
            Assert.Equal(perRun[position].Name, shared[position].Name);
        }

        perRun.Release();
    }

    [Fact]
    public void An_outline_with_a_loop_is_built_per_run()
    {
        Assert.Null(DescriptorOf<Countdown>().SharedOutline);
    }

    private static ProcessDescriptor<T> DescriptorOf<T>()
        where T : class, IProcessDefinition<T> => T.Descriptor;
}
