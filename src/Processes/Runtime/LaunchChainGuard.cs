using System;
using System.Collections.Generic;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// The runtime guard on child launches: walks the new child's ancestors (each waits for its child,
/// so all are live here) and refuses a launch that repeats an ancestor (same type, same input
/// bytes) or nests deeper than the limit. The compile-time check cannot see launches by name or
/// through helpers; this one sees every launch.
/// </summary>
internal static class LaunchChainGuard
{
    public static void Check<TChild>(ProcessDescriptor<TChild> descriptor, TChild child, ProcessExecution parent, int maxDepth, Func<ProcessId, ProcessExecution?> findLive)
        where TChild : class
    {
        var ancestors = new List<ProcessExecution>();
        for (ProcessExecution? current = parent; current is not null; current = current.ParentId is { } id ? findLive(id) : null)
        {
            ancestors.Add(current);
            if (ancestors.Count > maxDepth)
            {
                break;
            }
        }

        byte[]? childInputs = null;
        for (var i = 0; i < ancestors.Count; i++)
        {
            if (ancestors[i].Name == descriptor.Name && ancestors[i].Instance is TChild ancestor)
            {
                childInputs ??= InputBytes(descriptor, child);
                if (InputBytes(descriptor, ancestor).AsSpan().SequenceEqual(childInputs))
                {
                    throw new LaunchCycleException(Chain(ancestors, i, descriptor.Name));
                }
            }
        }

        // The child's depth: 1 for a top-level process, so its child is at depth 2.
        if (ancestors.Count + 1 > maxDepth)
        {
            throw new LaunchDepthExceededException(maxDepth, Chain(ancestors, ancestors.Count - 1, descriptor.Name));
        }
    }

    private static byte[] InputBytes<TChild>(ProcessDescriptor<TChild> descriptor, TChild process)
        where TChild : class
    {
        using var writer = new ProcessWriter(256);
        descriptor.WriteInputs(process, writer);
        return writer.ToArray();
    }

    /// <summary>The chain from ancestor <paramref name="from"/> (ancestors are nearest first) down to the refused child.</summary>
    private static List<string> Chain(List<ProcessExecution> ancestors, int from, string childName)
    {
        var chain = new List<string>(from + 2);
        for (var i = from; i >= 0; i--)
        {
            chain.Add($"{ancestors[i].Name}({ancestors[i].Id})");
        }

        chain.Add(childName + "(refused)");
        return chain;
    }
}
