using Processes.Serialization;
using Xunit;

namespace Processes.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Writer_and_reader_round_trip_an_int()
    {
        using var writer = new ProcessWriter();
        writer.WriteInt32(42);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(42, reader.ReadInt32());
    }
}
