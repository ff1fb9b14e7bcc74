using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq;
using Processes;

namespace Census;

/// <summary>
/// Counts the primes below a limit: splits the range into chunks and runs a batch of
/// <see cref="CountPrimes"/> children at a time, checkpointing after every step.
/// </summary>
[Process]
public partial class PrimeCensus
{
    /// <summary>Count the primes below this number.</summary>
    [Input, Range(3L, 1_000_000_000L)]
    public required long Limit { get; init; }

    /// <summary>How many numbers each child task checks.</summary>
    [Input, Range(100, 10_000_000)]
    public int ChunkSize { get; init; } = 25_000;

    /// <summary>How many child tasks run at once.</summary>
    [Input, Range(1, 64)]
    public int Parallelism { get; init; } = 4;

    /// <summary>Milliseconds each child waits before counting (lets the demo interrupt a run midway).</summary>
    [Input, Range(0, 10_000)]
    public int Throttle { get; init; }

    /// <summary>How many primes are below the limit.</summary>
    [Output]
    public long Count { get; private set; }

    /// <summary>The largest prime below the limit.</summary>
    [Output]
    public long Largest { get; private set; }

    /// <summary>A digest of every chunk's result, in order: equal digests mean equal work.</summary>
    [Output]
    public string? Digest { get; private set; }

    // Process state: saved in every checkpoint.
    private long _next;
    private int _launched;
    private int _batches;
    private List<ChunkResult> _chunks = new();

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Plan)
        .While(HasMore, loop => loop
            .Step(LaunchBatch)
            .Step(CollectBatch))
        .Step(Summarize);

    private void Plan(StepContext context)
    {
        _next = 2;
        context.ReportStatus($"planned {TotalBatches} batches of {Parallelism} chunks");
    }

    private bool HasMore() => _next < Limit;

    private void LaunchBatch(StepContext context)
    {
        _launched = 0;
        while (_launched < Parallelism && _next < Limit)
        {
            var to = Math.Min(_next + ChunkSize, Limit);
            context.StartChild(ChildKey(_launched), new CountPrimes { From = _next, To = to, Throttle = Throttle });
            _next = to;
            _launched++;
        }
    }

    private void CollectBatch(StepContext context)
    {
        for (var i = 0; i < _launched; i++)
        {
            var child = context.GetChild<CountPrimes>(ChildKey(i));
            _chunks.Add(new ChunkResult(child.From, child.To, child.Count, child.Largest));
        }

        _batches++;
        context.ReportStatus($"batch {_batches} of {TotalBatches} collected");
    }

    private void Summarize()
    {
        Count = _chunks.Sum(chunk => (long)chunk.Count);
        Largest = _chunks.Max(chunk => chunk.Largest);
        // FNV-1a: deterministic across processes and machines, unlike HashCode.
        var digest = 14695981039346656037UL;
        foreach (var chunk in _chunks)
        {
            foreach (var value in new[] { chunk.From, chunk.Count, chunk.Largest })
            {
                digest = (digest ^ (ulong)value) * 1099511628211UL;
            }
        }

        Digest = string.Create(CultureInfo.InvariantCulture, $"{_chunks.Count} chunks, fnv {digest:x16}");
    }

    private long TotalBatches => (((Limit - 2) + ChunkSize - 1) / ChunkSize + Parallelism - 1) / Parallelism;

    private static string ChildKey(int index) => "chunk" + index.ToString(CultureInfo.InvariantCulture);
}
