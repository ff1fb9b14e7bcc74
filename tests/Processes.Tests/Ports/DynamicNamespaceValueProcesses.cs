using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;

namespace Processes.Tests.Ports;

/// <summary>A station's reading: the port namespace every value of <see cref="Survey.Stations"/> is.</summary>
[PortNamespace]
public sealed partial class Station
{
    /// <summary>The station's name.</summary>
    [MinLength(1)] public required string Name { get; init; }

    /// <summary>The water level, in percent.</summary>
    [Range(0, 100)] public int Level { get; init; } = 50;
}

/// <summary>Sums the levels of a dynamic namespace of stations (<c>Dictionary&lt;string, Station&gt;</c>).</summary>
[Process]
public partial class Survey
{
    [Input] public Dictionary<string, Station> Stations { get; init; } = [];

    [Input] public Dictionary<string, Station?> Spares { get; init; } = [];

    [Output] public string Report { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Sum);

    private void Sum() =>
        Report = string.Join(",", Stations.OrderBy(entry => entry.Key, System.StringComparer.Ordinal).Select(entry => $"{entry.Key}={entry.Value.Name}:{entry.Value.Level}"))
            + ";" + string.Join(",", Spares.OrderBy(entry => entry.Key, System.StringComparer.Ordinal).Select(entry => $"{entry.Key}={entry.Value?.Level}"));
}
