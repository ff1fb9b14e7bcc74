using System;
using System.Collections.Generic;
using Processes.Ports;

namespace Processes.Tests.Ports;

/// <summary>A descriptor over <see cref="RelaxSpec"/>, enough to write its JSON schema.</summary>
internal sealed class RelaxDescriptor(RelaxSpec spec) : ProcessDescriptor("Samples.Relax", ProcessKind.Process)
{
    public override PortNamespace Inputs => spec.Inputs;

    public override PortNamespace Outputs => spec.Outputs;

    public override object CreateFromInputs(IReadOnlyDictionary<string, object?> inputs) =>
        throw new NotSupportedException("Schema tests never create instances.");

    internal override TResult Accept<TResult>(IProcessDescriptorVisitor<TResult> visitor) =>
        throw new NotSupportedException("Schema tests never run processes.");
}
