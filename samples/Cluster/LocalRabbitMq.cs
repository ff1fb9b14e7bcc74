using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Cluster;

/// <summary>
/// A private RabbitMQ node from Debian's rabbitmq-server binaries, in a temporary directory on a
/// free port of 127.0.0.1 with a unique node name; stopped and deleted on dispose.
/// </summary>
internal sealed class LocalRabbitMq : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    private readonly string _root;
    private readonly string _nodeName = "processes-cluster-" + Guid.NewGuid().ToString("N")[..10] + "@localhost";
    private readonly int _distributionPort = FreePort();
    private Process? _server;

    private LocalRabbitMq(string root) => _root = root;

    public static bool Installed => File.Exists(ServerScript) && File.Exists(ControlScript);

    public int Port { get; } = FreePort();

    public static async Task<LocalRabbitMq> StartAsync(string root)
    {
        var node = new LocalRabbitMq(root);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "rabbitmq.conf"), string.Create(CultureInfo.InvariantCulture, $"""
            listeners.tcp.1 = 127.0.0.1:{node.Port}
            loopback_users = none
            log.console = false
            """));
        await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[].");
        var start = new ProcessStartInfo(ServerScript) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        node.SetEnvironment(start);
        node._server = Process.Start(start)!;
        node._server.OutputDataReceived += (_, _) => { };
        node._server.ErrorDataReceived += (_, _) => { };
        node._server.BeginOutputReadLine();
        node._server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await node.AcceptsAsync())
        {
            if (node._server.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"rabbitmq-server did not start; see {root}/log.");
            }

            await Task.Delay(200);
        }

        return node;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        var stop = new ProcessStartInfo(ControlScript, ["-n", _nodeName, "stop"]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        SetEnvironment(stop);
        using (var control = Process.Start(stop)!)
        {
            await control.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token).ContinueWith(_ => { });
        }

        if (!_server.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _server.Kill(entireProcessTree: true);
        }

        _server.Dispose();
        _server = null;
    }

    private void SetEnvironment(ProcessStartInfo start)
    {
        start.Environment["HOME"] = _root;
        start.Environment["RABBITMQ_NODENAME"] = _nodeName;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_root, "rabbitmq");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins");
    }

    private async Task<bool> AcceptsAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
