using System;
using System.Collections.Generic;
using Processes.Ports;

namespace Processes.Runtime;

/// <summary>
/// Runs generated validation with a per-thread collector, so validating valid ports allocates
/// nothing. Generated validation is synchronous and never re-enters the runtime, so one collector
/// per thread is never shared.
/// </summary>
internal static class ScratchErrors
{
    [ThreadStatic]
    private static PortErrorCollector? t_collector;

    /// <summary>Returns the errors, or null when the ports are valid.</summary>
    public static IReadOnlyList<PortError>? Validate<TProcess>(ProcessDescriptor<TProcess> descriptor, TProcess process, bool outputs)
        where TProcess : class
    {
        var collector = t_collector ??= new PortErrorCollector();
        try
        {
            if (outputs)
            {
                descriptor.ValidateOutputs(process, collector);
            }
            else
            {
                descriptor.ValidateInputs(process, collector);
            }
        }
        catch
        {
            collector.TakeErrors();
            throw;
        }

        return collector.HasErrors ? collector.TakeErrors() : null;
    }
}
