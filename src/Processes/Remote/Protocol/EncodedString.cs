using System;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// A string with its wire encoding (as <see cref="ProcessWriter.WriteString"/> writes it), for
/// reading a string that is expected again and again — a process name in every reply or request —
/// without allocating: when the bytes at the reader are exactly this encoding, they can only decode
/// to <see cref="Value"/>.
/// </summary>
internal sealed class EncodedString
{
    private readonly byte[] _encoded;

    public EncodedString(string value)
    {
        Value = value;
        using var writer = new ProcessWriter();
        writer.WriteString(value);
        _encoded = writer.ToArray();
    }

    public string Value { get; }

    /// <summary>Moves past the string at the reader and returns true when it is this one's encoding; else leaves the reader as it was.</summary>
    public bool TrySkip(ref ProcessReader reader)
    {
        if (reader.Remaining < _encoded.Length)
        {
            return false;
        }

        var peek = reader;
        if (!peek.ReadRaw(_encoded.Length).SequenceEqual(_encoded))
        {
            return false;
        }

        reader = peek;
        return true;
    }
}
