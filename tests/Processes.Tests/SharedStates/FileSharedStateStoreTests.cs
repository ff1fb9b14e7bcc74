using System;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Tests.SharedStates;

/// <summary>The contract on <see cref="FileSharedStateStore"/>.</summary>
public sealed class FileSharedStateStoreTests : SharedStateStoreTests
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prt-state-contract-" + Guid.NewGuid().ToString("N"));

    protected override ValueTask<ISharedStateStore> OpenStoreAsync() => ValueTask.FromResult<ISharedStateStore>(new FileSharedStateStore(_directory));

    public override void Dispose()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }
}
