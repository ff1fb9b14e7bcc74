using System;

namespace Processes.Ports;

/// <summary>Writes a process's ports as a JSON schema document.</summary>
public static class PortSchemaWriter
{
    /// <summary>Describes the inputs and outputs of a process type.</summary>
    public static string Write(ProcessDescriptor descriptor) => throw new NotImplementedException();
}
