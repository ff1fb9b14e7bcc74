using System;
using Processes.Remote.Protocol;
using Processes.Serialization;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>The status of a task run inline, written without a <see cref="ProcessStatus"/>, is the status written with one.</summary>
public sealed class FinishedStatusTests
{
    [Fact]
    public void WriteFinishedStatus_writes_the_bytes_WriteStatus_writes_for_the_same_finished_process()
    {
        var id = ProcessId.New();
        var created = new DateTimeOffset(2026, 12, 4, 9, 30, 15, 123, TimeSpan.Zero);
        using var expected = new ProcessWriter();
        WireCodec.WriteStatus(expected, new ProcessStatus { Id = id, Name = "tests.echo", State = ProcessState.Finished, Paused = false, CreatedAt = created, ExitCode = ProcessExitCodes.Success });
        using var written = new ProcessWriter();
        WireCodec.WriteFinishedStatus(written, id, "tests.echo", created, ProcessExitCodes.Success);

        Assert.Equal(expected.ToArray(), written.ToArray());
    }
}
