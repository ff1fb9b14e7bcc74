using System;

namespace Processes.Benchmarks.Remote;

/// <summary>Fresh pipe names, so benchmarks never meet a server left by another run or another engineer.</summary>
internal static class PipeNames
{
    // Short: on Unix the name becomes a socket path (/tmp/CoreFxPipe_NAME), limited to 108 characters.
    public static string New(string purpose) => $"pb-{purpose}-{Guid.NewGuid():N}";
}
