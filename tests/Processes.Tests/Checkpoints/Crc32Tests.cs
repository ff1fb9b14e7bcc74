using System;
using System.Text;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

public sealed class Crc32Tests
{
    [Fact]
    public void The_standard_check_value_matches()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Empty_input_hashes_to_zero_and_known_strings_match_zlib()
    {
        Assert.Equal(0u, Crc32.Compute(default));
        Assert.Equal(0x414FA339u, Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    [Fact]
    public void Appending_pieces_equals_hashing_the_whole()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        for (var split = 0; split <= data.Length; split++)
        {
            Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }

    [Fact]
    public void A_single_bit_flip_changes_the_checksum()
    {
        var data = Encoding.ASCII.GetBytes("checkpoint payload");
        var original = Crc32.Compute(data);
        for (var bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(original, Crc32.Compute(data));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}
