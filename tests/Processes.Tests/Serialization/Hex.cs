using System;
using System.Globalization;

namespace Processes.Tests.Serialization;

/// <summary>Turns the reference's "01 00 ff" notation into bytes and back, so expected values read like the spec.</summary>
internal static class Hex
{
    public static byte[] Parse(string text)
    {
        var parts = text.Split(new[] { ' ', '|' }, StringSplitOptions.RemoveEmptyEntries);
        var bytes = new byte[parts.Length];
        for (var index = 0; index < parts.Length; index++)
        {
            bytes[index] = byte.Parse(parts[index], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return bytes;
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
