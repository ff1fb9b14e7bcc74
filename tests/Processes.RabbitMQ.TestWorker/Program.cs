using System;
using System.Globalization;
using System.Threading.Tasks;
using Processes;
using Processes.Checkpoints;
using Processes.PostgreSQL;
using Processes.RabbitMQ;

// Usage: Processes.RabbitMQ.TestWorker --port N --prefix P (--store DIRECTORY | --postgres CONNECTION_STRING --postgres-schema NAME) [--slots N] [--lease-seconds N] [--types A,B] [--children-on-any-worker true] [--shared-states DIRECTORY] [--state-lease-seconds N]
// Prints "ready" on stdout once it consumes; runs until stdin closes or the process is killed.
int? port = null, slots = null, leaseSeconds = null, stateLeaseSeconds = null;
string? prefix = null, store = null, types = null, postgres = null, postgresSchema = null, sharedStates = null;
var childrenOnAnyWorker = false;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--prefix": prefix = args[i + 1]; break;
        case "--store": store = args[i + 1]; break;
        case "--postgres": postgres = args[i + 1]; break;
        case "--postgres-schema": postgresSchema = args[i + 1]; break;
        case "--slots": slots = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--lease-seconds": leaseSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--types": types = args[i + 1]; break;
        case "--children-on-any-worker": childrenOnAnyWorker = bool.Parse(args[i + 1]); break;
        case "--shared-states": sharedStates = args[i + 1]; break;
        case "--state-lease-seconds": stateLeaseSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}

if (port is null || prefix is null || (store is null) == (postgres is null) || (postgres is null) != (postgresSchema is null))
{
    Console.Error.WriteLine("Usage: Processes.RabbitMQ.TestWorker --port N --prefix P (--store DIRECTORY | --postgres CONNECTION_STRING --postgres-schema NAME) [--slots N] [--lease-seconds N] [--types A,B] [--children-on-any-worker true] [--shared-states DIRECTORY] [--state-lease-seconds N]");
    return 2;
}

// The checkpoints in a shared folder, or in PostgreSQL (a worker with both packages: the one CI publishes with Native AOT).
await using var postgresStore = postgres is null ? null : await PostgresCheckpointStore.OpenAsync(postgres, new PostgresCheckpointStoreOptions { Schema = postgresSchema! });
await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions
{
    Store = postgresStore ?? (ICheckpointStore)new FileCheckpointStore(store!),
    LeaseDuration = TimeSpan.FromSeconds(leaseSeconds ?? 30),
    SharedStates = sharedStates is null ? null : new SharedStateOptions
    {
        Store = new FileSharedStateStore(sharedStates),
        LeaseDuration = TimeSpan.FromSeconds(stateLeaseSeconds ?? 30),
    },
});
await using var worker = new RabbitMqWorker(runtime, new RabbitMqWorkerOptions
{
    Connection = new RabbitMqConnectionOptions { Port = port.Value, Prefix = prefix, Heartbeat = TimeSpan.FromSeconds(2) },
    Slots = slots ?? 4,
    ProcessNames = types?.Split(','),
    ChildrenOnAnyWorker = childrenOnAnyWorker,
});
await worker.StartAsync();
Console.Out.WriteLine("ready");
Console.Out.Flush();
await Task.Run(() => Console.In.ReadToEnd());
return 0;
