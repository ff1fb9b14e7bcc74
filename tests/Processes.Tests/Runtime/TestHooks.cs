using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

/// <summary>
/// Lets a test script what a step does (block on a gate, throw, skip an output) without a new
/// process class per test. Scripts are found by name, so a process reloaded from a checkpoint
/// finds the same script.
/// </summary>
public static class TestHooks
{
    private static readonly ConcurrentDictionary<string, Func<string, object, ProcessContext, ValueTask>> Scripts = new();

    public static string Register(Func<string, object, ProcessContext, ValueTask> script)
    {
        var name = Guid.NewGuid().ToString("N");
        Scripts[name] = script;
        return name;
    }

    // Never inlined: tests find this frame in a failed step's recorded stack trace, and once the
    // JIT's optimizing tier had inlined it (after enough calls from the other tests) it was gone.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ValueTask Run(string? script, string step, object process, ProcessContext context) =>
        script is not null && Scripts.TryGetValue(script, out var action) ? action(step, process, context) : default;
}
