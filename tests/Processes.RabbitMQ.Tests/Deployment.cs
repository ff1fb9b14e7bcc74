using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// One isolated deployment on a broker: its own prefix (queues and exchanges), a shared file
/// checkpoint store in a temporary directory, a ledger file, workers hosted in this test process,
/// and a client. Disposing stops everything and deletes the directory.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly List<(RabbitMqWorker Worker, ProcessRuntime Runtime)> _workers = [];
    private readonly List<RabbitMqProcessClient> _clients = [];

    public Deployment(RabbitMqNode broker)
    {
        SharedBroker.SkipUnlessInstalled();
        Broker = broker;
        Prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        Root = Path.Combine(Path.GetTempPath(), "processes-rabbitmq-test-" + Prefix);
        Directory.CreateDirectory(StorePath);
        LedgerPath = Path.Combine(Root, "ledger.txt");
    }

    public RabbitMqNode Broker { get; }

    public string Prefix { get; }

    public string Root { get; }

    public string StorePath => Path.Combine(Root, "store");

    public string LedgerPath { get; }

    /// <summary>The shared state store of every worker (one directory: one server at a time owns each state).</summary>
    public string SharedStatesPath => Path.Combine(Root, "states");

    public RabbitMqConnectionOptions Connection => new() { Port = Broker.Port, Prefix = Prefix, Heartbeat = TimeSpan.FromSeconds(2), ReconnectDelay = TimeSpan.FromMilliseconds(500) };

    /// <summary>The checkpoint store of each worker's runtime; null: a file store in <see cref="StorePath"/> (shared by every worker).</summary>
    public Func<Task<ICheckpointStore>>? StoreFactory { get; init; }

    public IReadOnlyList<string> LedgerLines() => File.Exists(LedgerPath) ? File.ReadAllLines(LedgerPath) : [];

    /// <summary>Starts a worker in this process on its own runtime over the shared store.</summary>
    public async Task<RabbitMqWorker> StartWorkerAsync(int slots = 4, IReadOnlyList<string>? processNames = null, TimeSpan? leaseDuration = null, bool childrenOnAnyWorker = false, TimeSpan? stateLeaseDuration = null)
    {
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions
        {
            Store = StoreFactory is null ? new FileCheckpointStore(StorePath) : await StoreFactory(),
            LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(30),
            SharedStates = new SharedStateOptions { Store = new FileSharedStateStore(SharedStatesPath), LeaseDuration = stateLeaseDuration ?? TimeSpan.FromSeconds(30) },
        });
        var worker = new RabbitMqWorker(runtime, new RabbitMqWorkerOptions { Connection = Connection, Slots = slots, ProcessNames = processNames, ChildrenOnAnyWorker = childrenOnAnyWorker });
        _workers.Add((worker, runtime));
        await worker.StartAsync();
        return worker;
    }

    public async Task<RabbitMqProcessClient> ConnectAsync(TimeSpan? broadcastTimeout = null)
    {
        var client = await RabbitMqProcessClient.ConnectAsync(new RabbitMqClientOptions
        {
            Connection = Connection,
            BroadcastTimeout = broadcastTimeout ?? TimeSpan.FromSeconds(1),
            WaitLongPoll = TimeSpan.FromSeconds(3),
        });
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var (worker, runtime) in _workers.AsEnumerable().Reverse())
        {
            await worker.DisposeAsync();
            await runtime.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A worker process killed by a test may still be closing a file.
        }
    }
}
