using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Serialization;

/// <summary>
/// A string encoded once (a type's name, its outline fingerprint, written into every checkpoint)
/// writes exactly the bytes <see cref="ProcessWriter.WriteString"/> writes, whatever the string.
/// </summary>
public sealed class EncodedStringTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Samples.Orders.ShipOrder")]
    [InlineData("3f9a0c27b1d4e855")]
    [InlineData("Überweisung – 注文 🚚")]
    [InlineData("lone \ud800 surrogate")]
    public void Writing_an_encoded_string_gives_the_bytes_of_writing_the_string(string value)
    {
        using var expected = new ProcessWriter();
        expected.WriteString(value);
        using var actual = new ProcessWriter();

        new EncodedString(value).WriteTo(actual);

        Assert.Equal(expected.WrittenSpan.ToArray(), actual.WrittenSpan.ToArray());
    }
}
