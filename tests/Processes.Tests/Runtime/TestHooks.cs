using System;
using System.Collections.Concurrent;
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

    public static ValueTask Run(string? script, string step, object process, ProcessContext context) =>
        script is not null && Scripts.TryGetValue(script, out var action) ? action(step, process, context) : default;
}
