using System;
using System.Collections.Generic;
using MemoryPack;

namespace Processes.Benchmarks.Subjects;

/// <summary>
/// The state of checkpoint-codec: 20 members of the kinds a real process keeps (numbers,
/// strings, a list of 100 doubles, a dictionary, a nested record). Also [MemoryPackable]: codec-composite
/// serializes the same object with MemoryPack.
/// </summary>
[ProcessData]
[MemoryPackable]
public partial class RepresentativeState
{
    public int Iteration { get; set; }
    public int MaxIterations { get; set; }
    public long ElapsedTicks { get; set; }
    public long Seed { get; set; }
    public double Energy { get; set; }
    public double Tolerance { get; set; }
    public double StepSize { get; set; }
    public float Damping { get; set; }
    public bool Converged { get; set; }
    public byte Phase { get; set; }
    public short Retries { get; set; }
    public Guid RunId { get; set; }
    public DateTime StartedAt { get; set; }
    public TimeSpan Budget { get; set; }
    public string? Name { get; set; }
    public string? Method { get; set; }
    public string? Comment { get; set; }
    public List<double>? Energies { get; set; }
    public Dictionary<string, int>? Counters { get; set; }
    public GridSettings? Grid { get; set; }

    public static RepresentativeState CreateSample()
    {
        var energies = new List<double>(100);
        for (var i = 0; i < 100; i++)
        {
            energies.Add(-76.0 - (1.0 / (i + 1)));
        }

        return new RepresentativeState
        {
            Iteration = 42,
            MaxIterations = 1000,
            ElapsedTicks = 123_456_789,
            Seed = 20_240_601,
            Energy = -76.026_765_432,
            Tolerance = 1e-8,
            StepSize = 0.05,
            Damping = 0.7f,
            Converged = false,
            Phase = 3,
            Retries = 2,
            RunId = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
            StartedAt = new DateTime(2025, 6, 1, 12, 30, 0, DateTimeKind.Utc),
            Budget = TimeSpan.FromHours(6),
            Name = "water-dimer relaxation",
            Method = "BFGS",
            Comment = "restarted from checkpoint after a node failure",
            Energies = energies,
            Counters = new Dictionary<string, int>
            {
                ["force_calls"] = 420,
                ["energy_calls"] = 431,
                ["line_searches"] = 97,
                ["resets"] = 3,
            },
            Grid = new GridSettings(64, 64, 128, 0.125, "periodic"),
        };
    }
}

/// <summary>The nested record of <see cref="RepresentativeState"/>.</summary>
[ProcessData]
[MemoryPackable]
public partial record GridSettings(int PointsX, int PointsY, int PointsZ, double Spacing, string? Boundary);
