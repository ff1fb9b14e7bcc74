using Processes.Checkpoints;

namespace Processes.Tests.Checkpoints;

public sealed class InMemoryCheckpointStoreTests : CheckpointStoreTests
{
    protected override ICheckpointStore CreateStore() => new InMemoryCheckpointStore();
}
