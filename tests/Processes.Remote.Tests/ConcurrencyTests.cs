using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>Many clients, many concurrent calls per connection: every result matches its own inputs, none lost or duplicated.</summary>
public sealed class ConcurrencyTests(SharedWorker shared, ITestOutputHelper output)
{
    [Fact]
    public async Task Eight_clients_with_fifty_concurrent_calls_each_get_exactly_their_own_results()
    {
        const int Clients = 8, Calls = 50;
        // Connected one after another: the shared worker admits at most 8 handshakes at once
        // (MaxPendingHandshakes), and other tests connect to it in parallel. The calls below are
        // what runs concurrently.
        var clients = new ProcessClient[Clients];
        for (var c = 0; c < Clients; c++)
        {
            clients[c] = await shared.Worker.ConnectAsync().Within();
        }

        try
        {
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(clients.SelectMany((client, c) => Enumerable.Range(0, Calls).Select(async i =>
            {
                var x = (c * 1000) + i;
                var square = await client.RunAsync(new RemoteSquare { X = x, DelayMs = i % 5 });
                return (Sent: x, square.X, square.Result);
            }))).Within();
            watch.Stop();
            output.WriteLine($"{Clients * Calls} remote runs over {Clients} connections in {watch.ElapsedMilliseconds} ms");

            Assert.Equal(Clients * Calls, results.Length);
            Assert.All(results, r => Assert.Equal(r.Sent, r.X));
            Assert.All(results, r => Assert.Equal((long)r.Sent * r.Sent, r.Result));
            Assert.Equal(Clients * Calls, results.Select(r => r.Sent).Distinct().Count());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
