using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Processes.Tests.Runtime;

/// <summary>A measurement: a [ProcessData] record struct, used as <c>Reading?</c>.</summary>
[ProcessData]
public partial record struct Reading(double Value, string Unit);

/// <summary>A label: a [ProcessData] record class.</summary>
[ProcessData]
public partial record Label(string Name, int Rank);

/// <summary>Data with get-only collections only (the shape CA2227 recommends), filled in place on read.</summary>
[ProcessData]
public partial class Basket
{
    public List<int> Items { get; } = [];

    public IList<string> Names { get; } = new List<string>();

    public ICollection<Label> Labels { get; } = new List<Label>();

    public Dictionary<string, int> Counts { get; } = [];

    public IDictionary<int, DateTimeOffset?> Seen { get; } = new Dictionary<int, DateTimeOffset?>();

    /// <summary>Every member in one line, to compare baskets.</summary>
    public string Describe() =>
        string.Join(",", Items) + ";" + string.Join(",", Names) + ";" + string.Join(",", Labels) + ";"
        + string.Join(",", Counts.Select(entry => entry.Key + "=" + entry.Value)) + ";"
        + string.Join(",", Seen.Select(entry => entry.Key + "=" + entry.Value?.ToString("O", CultureInfo.InvariantCulture)));
}

/// <summary>
/// Keeps the shapes issue 11 made supported (nullable DateTimeOffset, nullable data struct, records,
/// get-only collections) in its inputs and state across a checkpoint: the first step copies them
/// into state and waits for "go"; the second reports what the state holds.
/// </summary>
[Process]
public partial class ShapeKeeper
{
    [Input] public DateTimeOffset? At { get; init; }

    [Input] public Reading? Sample { get; init; }

    [Input] public Basket Basket { get; init; } = new();

    [Output] public DateTimeOffset? Later { get; private set; }

    [Output] public Reading? Doubled { get; private set; }

    [Output] public string Kept { get; private set; } = "";

    private DateTimeOffset? _later;
    private Reading? _doubled;
    private Label? _first;
    private Basket _kept = new();

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Keep).Step(Report);

    private void Keep(StepContext context)
    {
        _later = At?.AddHours(1);
        _doubled = Sample is { } sample ? sample with { Value = sample.Value * 2 } : null;
        _first = Basket.Labels.FirstOrDefault();
        _kept.Items.AddRange(Basket.Items.Append(99));
        foreach (var name in Basket.Names)
        {
            _kept.Names.Add(name.ToUpperInvariant());
        }

        foreach (var label in Basket.Labels)
        {
            _kept.Labels.Add(label with { Rank = label.Rank + 1 });
        }

        foreach (var (key, count) in Basket.Counts)
        {
            _kept.Counts[key] = count * 10;
        }

        foreach (var (key, seen) in Basket.Seen)
        {
            _kept.Seen[key] = seen;
        }

        context.WaitForEvent("go");
    }

    private void Report()
    {
        Later = _later;
        Doubled = _doubled;
        Kept = _first + "|" + _kept.Describe();
    }
}
