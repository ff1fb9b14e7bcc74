using System.Collections.Generic;

namespace Processes.Tests.Ports;

/// <summary>A user data type carried by a port (the generator would serialize it; here it is opaque).</summary>
internal sealed record Geometry(int Atoms);

/// <summary>The typed value of the <c>options</c> namespace.</summary>
internal sealed record RelaxOptions(double Tol, string Mode);

/// <summary>The typed value of the whole <c>inputs</c> namespace, as a generated Bind would build it.</summary>
internal sealed record RelaxInputs(
    Geometry Start,
    int MaxSteps,
    RelaxOptions? Options,
    IReadOnlyDictionary<string, object?>? Extras,
    string? Label);
