using System;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Serialization;

/// <summary>A writer limited to a length (a frame) fails at the first write past it, before its buffer grows, and takes everything up to it.</summary>
public sealed class WriterLimitTests
{
    [Fact]
    public void A_write_past_the_limit_throws_before_the_buffer_grows_to_hold_it()
    {
        using var writer = new ProcessWriter(64);
        writer.LimitLength(1_000);
        writer.WriteRaw(new byte[990]);

        var error = Assert.Throws<WriterLimitExceededException>(() => writer.WriteBytes(new byte[100_000_000]));

        Assert.Equal((1_000, 990L + 4 + 100_000_000), (error.MaxLength, error.RequiredLength));
        Assert.Equal(994, writer.Length);
    }

    [Fact]
    public void Writes_up_to_the_limit_exactly_succeed_even_when_the_pool_hands_out_more()
    {
        using var writer = new ProcessWriter(16);
        writer.LimitLength(1_000);

        writer.WriteRaw(new byte[1_000]);

        Assert.Equal(1_000, writer.Length);
        Assert.Throws<WriterLimitExceededException>(() => writer.WriteByte(1));
    }

    [Fact]
    public void A_string_whose_worst_case_size_passes_the_limit_but_whose_real_size_does_not_is_written()
    {
        using var writer = new ProcessWriter(16);
        writer.LimitLength(108);

        writer.WriteString(new string('a', 100));

        Assert.Equal(108, writer.Length);
    }
}
