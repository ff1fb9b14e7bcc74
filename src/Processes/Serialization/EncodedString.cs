using System;

namespace Processes.Serialization;

/// <summary>
/// A string with its wire encoding (as <see cref="ProcessWriter.WriteString"/> writes it), for a
/// string that is read or written again and again — a process name in every remote reply or
/// request, a type's name and outline fingerprint in every checkpoint: when the bytes at the
/// reader are exactly this encoding, they can only decode to <see cref="Value"/>, and writing it
/// copies the bytes instead of transcoding the string.
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

    /// <summary>Writes the string: the same bytes as <see cref="ProcessWriter.WriteString"/> of <see cref="Value"/>.</summary>
    public void WriteTo(ProcessWriter writer) => writer.WriteRaw(_encoded);

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
