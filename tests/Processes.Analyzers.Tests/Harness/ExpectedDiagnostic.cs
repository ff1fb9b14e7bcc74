namespace Processes.Analyzers.Tests.Harness;

/// <summary>A diagnostic a test expects at the next marked span: its ID and its exact message.</summary>
public sealed record ExpectedDiagnostic(string Id, string Message);
