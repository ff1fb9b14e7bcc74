using System;
using System.Diagnostics;
using System.Linq;
using ParallelMap;
using Processes;

// ParallelMap: 10,000 items mapped over child tasks, in a step (bounded fan-out, read in item order
// by the next step) and from a client (MapAsync), with a flaky task that its retry policy repairs.
// See docs/concepts/contexts.md (fan-out) and docs/concepts/retries.md.
const int Items = 10_000;
long expected = Enumerable.Range(0, Items).Sum(x => (long)x * x);
var flaky = Enumerable.Range(0, Items).Count(x => x % 10 == 7);

await using var runtime = new ProcessRuntime();

Console.WriteLine($"1. A process maps {Items:N0} items over child tasks, at most 64 at once:");
var watch = Stopwatch.StartNew();
var sum = await runtime.RunAsync(new SumOfSquares { Count = Items });
watch.Stop();
Console.WriteLine($"   total {sum.Total:N0}, in item order: {sum.Ordered}, {sum.Retried:N0} retried, {watch.Elapsed.TotalMilliseconds:N0} ms ({watch.Elapsed.TotalMilliseconds * 1000 / Items:N1} µs per item)");

Console.WriteLine($"2. The same map chunked, 500 items per child (MapOptions.ChunkSize):");
watch.Restart();
var chunked = await runtime.RunAsync(new SumOfSquares { Count = Items, ChunkSize = 500 });
watch.Stop();
Console.WriteLine($"   total {chunked.Total:N0}, in item order: {chunked.Ordered}, {chunked.Retried:N0} retried, {watch.Elapsed.TotalMilliseconds:N0} ms ({watch.Elapsed.TotalMilliseconds * 1000 / Items:N1} µs per item)");

Console.WriteLine($"3. A client maps the same {Items:N0} items with MapAsync:");
watch.Restart();
var squares = await runtime.MapAsync(Enumerable.Range(0, Items), x => new Square { X = x }, new MapOptions { MaxParallelism = 256 });
watch.Stop();
var clientTotal = squares.Sum(square => square.Result);
var clientOrdered = squares.Select((square, index) => square.X == index).All(ordered => ordered);
var clientRetried = squares.Count(square => square.Attempts > 1);
Console.WriteLine($"   total {clientTotal:N0}, in item order: {clientOrdered}, {clientRetried:N0} retried, {watch.Elapsed.TotalMilliseconds:N0} ms ({watch.Elapsed.TotalMilliseconds * 1000 / Items:N1} µs per item)");

var right = sum is { Ordered: true } && sum.Total == expected && sum.Retried == flaky
    && chunked is { Ordered: true } && chunked.Total == expected && chunked.Retried == flaky
    && clientOrdered && clientTotal == expected && clientRetried == flaky;
Console.WriteLine(right ? "Done." : $"Wrong results (expected total {expected:N0}, {flaky:N0} retried).");
return right ? 0 : 1;
