using System;
using System.IO;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>Tells a call that failed because the worker's connection broke (the worker died or was stopped) from one that failed because of the process.</summary>
internal static class BrokenConnection
{
    public static bool Is(ProcessClient client, Exception exception) =>
        exception is RemoteProcessException { RemoteError: null } remote
        && (!client.IsConnected || remote.InnerException is IOException or ObjectDisposedException);
}
