using System;
using System.IO;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Versioning;

// Versioning: version 1 of an outline stops mid-run; version 2 (an audit step inserted at the
// start) refuses its checkpoint with a typed error, and continues it correctly once it declares
// a migration. See docs/concepts/versioning.md.
var directory = Path.Combine(Path.GetTempPath(), "processes-versioning-" + Guid.NewGuid().ToString("N"));
try
{
    Console.WriteLine("1. Version 1 runs Reserve, then stops in Hold (its runtime is stopped):");
    var v1 = new ProcessRuntime(new() { Store = new FileCheckpointStore(directory) });
    var launched = await v1.LaunchAsync(new FulfilV1 { Amount = 42 });
    await Warehouse.HoldReached.WaitAsync(TimeSpan.FromSeconds(20));
    await v1.StopAsync();
    Warehouse.Release();
    var id = launched.Id;
    Console.WriteLine($"   {id} saved at outline {ProcessRegistry.Global.Get("Sample.Fulfil").OutlineFingerprint}");

    Console.WriteLine("2. Version 2 without a migration refuses the checkpoint:");
    await using (var v2 = Deploy(directory, ProcessRegistry.Global.Get("Sample.Fulfil.V2")))
    {
        try
        {
            await v2.ContinueAsync(id);
            Console.Error.WriteLine("   continued without a migration: wrong");
            return 1;
        }
        catch (OutlineVersionMismatchException mismatch)
        {
            Console.WriteLine($"   {mismatch.GetType().Name}: stored {mismatch.StoredFingerprint}, current {mismatch.CurrentFingerprint}");
            Console.WriteLine($"   {mismatch.Message}");
        }
    }

    Console.WriteLine("3. Version 2 with [OutlineMigration] continues it after Reserve:");
    await using (var migrated = Deploy(directory, ProcessRegistry.Global.Get("Sample.Fulfil.V2Migrated")))
    {
        var handle = await migrated.ContinueAsync<FulfilV2Migrated>(id);
        var result = await handle.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Console.WriteLine($"   charged {result.Charged}, reserved {result.Reservations} time(s), audited: {result.Audited}");
        if (result.Charged != 42 || result.Reservations != 1 || result.Audited)
        {
            Console.Error.WriteLine("   wrong outputs");
            return 1;
        }
    }

    Console.WriteLine("Done.");
    return 0;
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

// A runtime as the new deployment runs it: checkpoints saved under version 1's name continue
// with the given (version 2) descriptor.
static ProcessRuntime Deploy(string directory, ProcessDescriptor current)
{
    var registry = new ProcessRegistry().RegisterAlias("Sample.Fulfil", current);
    registry.Register(current);
    return new(new() { Store = new FileCheckpointStore(directory), Registry = registry });
}
