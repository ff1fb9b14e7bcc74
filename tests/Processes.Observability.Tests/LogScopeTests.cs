using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Observability.Tests;

public sealed class LogScopeTests
{
    [Fact]
    public async Task Every_line_the_runtime_logs_for_a_process_carries_its_id_and_type_in_a_scope()
    {
        var provider = new ScopeRecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(provider));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore(), LoggerFactory = loggers });
        var handle = await runtime.LaunchAsync(new TracedParent());
        await handle.WaitAsync();

        var lines = provider.Lines.Where(line => line.Message.Contains(handle.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, line => line.Message.Contains("step Launch", StringComparison.Ordinal));
        Assert.All(lines, line =>
        {
            Assert.Contains(new KeyValuePair<string, object?>(ProcessesDiagnostics.ProcessIdAttribute, handle.Id), line.Scope);
            Assert.Contains(new KeyValuePair<string, object?>(ProcessesDiagnostics.ProcessTypeAttribute, "Processes.Observability.Tests.TracedParent"), line.Scope);
        });
    }

    [Fact]
    public async Task A_childs_lines_carry_its_own_id_inside_its_parents_scope()
    {
        var provider = new ScopeRecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(provider));
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore(), LoggerFactory = loggers });
        var handle = await runtime.LaunchAsync(new TracedParent());
        await handle.WaitAsync();

        var childLines = provider.Lines.Where(line => line.Category.EndsWith("TracedChild", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(childLines);
        Assert.All(childLines, line =>
        {
            var ids = line.Scope.Where(pair => pair.Key == ProcessesDiagnostics.ProcessIdAttribute).Select(pair => pair.Value).ToList();
            Assert.Equal(2, ids.Count);
            Assert.Equal(handle.Id, ids[0]);
            Assert.NotEqual(handle.Id, ids[1]);
        });
    }
}
