using System;
using System.Security.Cryptography;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// The connect-time challenge: the worker sends a fresh random nonce, the client proves it knows
/// the shared secret by returning HMAC-SHA256(secret, nonce). The secret never crosses the pipe,
/// and a recorded proof is useless for another connection because the nonce changes.
/// </summary>
internal static class Handshake
{
    public const int NonceBytes = 32;

    public const int ProofBytes = 32;

    /// <summary>
    /// The nonce a worker without a secret sends: all zeros. Nothing is proven against it (the
    /// worker accepts any proof), and leaving <see cref="RandomNumberGenerator"/> alone spares a
    /// worker's first connection the few milliseconds of loading the platform's crypto library.
    /// </summary>
    public static byte[] UnusedNonce { get; } = new byte[NonceBytes];

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceBytes);

    public static byte[] Prove(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> nonce) => HMACSHA256.HashData(secret, nonce);

    /// <summary>True when <paramref name="proof"/> is the right proof, compared in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> nonce, byte[]? proof)
    {
        Span<byte> expected = stackalloc byte[ProofBytes];
        HMACSHA256.HashData(secret, nonce, expected);
        return proof is { Length: ProofBytes } && CryptographicOperations.FixedTimeEquals(expected, proof);
    }

    public static void WriteHello(ProcessWriter writer, bool proofRequired, byte[] nonce)
    {
        writer.WriteBoolean(proofRequired);
        writer.WriteBytes(nonce);
    }

    public static (bool ProofRequired, byte[] Nonce) ReadHello(ReadOnlySpan<byte> payload)
    {
        var reader = new ProcessReader(payload);
        var required = reader.ReadBoolean();
        var nonce = reader.ReadBytes();
        if (nonce is not { Length: NonceBytes })
        {
            throw new ProcessSerializationException($"The nonce must be {NonceBytes} bytes.", reader.Offset);
        }

        reader.EnsureAtEnd();
        return (required, nonce);
    }

    public static byte[]? ReadProof(ReadOnlySpan<byte> payload)
    {
        var reader = new ProcessReader(payload);
        var proof = reader.ReadBytes();
        if (proof is not null && proof.Length != ProofBytes)
        {
            throw new ProcessSerializationException($"A proof must be {ProofBytes} bytes.", reader.Offset);
        }

        reader.EnsureAtEnd();
        return proof;
    }
}
