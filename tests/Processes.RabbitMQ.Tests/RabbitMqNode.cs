using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// A private RabbitMQ node from Debian's rabbitmq-server binaries: its own temporary directory
/// (database, logs, config, Erlang cookie), a free port on 127.0.0.1 and a unique node name.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> restart it on the same port with the same
/// data (durable queues and persistent messages survive). Free of xUnit, so the benchmarks link it too.
/// </summary>
public class RabbitMqNode : IAsyncDisposable
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "processes-rabbitmq-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _server;

    public static bool Installed => File.Exists(ServerScript) && File.Exists(ControlScript);

    public int Port { get; private set; }

    public string NodeName { get; } = "processes-test-" + Guid.NewGuid().ToString("N")[..10] + "@localhost";

    private int DistributionPort { get; set; }

    public async ValueTask InitializeAsync()
    {
        if (!Installed)
        {
            return;
        }

        Directory.CreateDirectory(_root);
        Port = FreePort();
        DistributionPort = FreePort();
        await File.WriteAllTextAsync(Path.Combine(_root, "rabbitmq.conf"), string.Create(CultureInfo.InvariantCulture, $"""
            listeners.tcp.1 = 127.0.0.1:{Port}
            loopback_users = none
            log.console = false
            log.file.level = warning
            """));
        await File.WriteAllTextAsync(Path.Combine(_root, "enabled_plugins"), "[].");
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the OS's temp cleanup takes it.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the node and returns once it accepts AMQP connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(ServerScript) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        SetEnvironment(start);
        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with {_server.ExitCode}; see the logs in {_root}/log.");
            }

            if (await AcceptsAsync(timeout.Token))
            {
                return;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>Stops the node (rabbitmqctl stop, then the whole process tree if it lingers).</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        var stop = new ProcessStartInfo(ControlScript, ["-n", NodeName, "stop"]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        SetEnvironment(stop);
        using (var control = Process.Start(stop)!)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await control.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                control.Kill(entireProcessTree: true);
            }
        }

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _server.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            // Fall through to the kill below.
        }

        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        _server = null;
    }

    private void SetEnvironment(ProcessStartInfo start)
    {
        start.Environment["HOME"] = _root; // the Erlang cookie lives here, shared by server and rabbitmqctl
        start.Environment["RABBITMQ_NODENAME"] = NodeName;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_root, "rabbitmq");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins");
    }

    private async Task<bool> AcceptsAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
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
