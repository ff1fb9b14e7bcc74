using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Processes.PostgreSQL.Tests;

/// <summary>
/// A temporary PostgreSQL cluster of our own: <c>initdb</c> into a temporary directory, started
/// with <c>pg_ctl</c> on 127.0.0.1 and a free port (never 5432, never the system's cluster), its
/// socket in that directory; stopped and deleted by <see cref="DisposeAsync"/>. As root the server
/// binaries run as the <c>postgres</c> OS user (initdb refuses root). The tests use it through
/// <see cref="PostgresServer"/>; the benchmarks link this file.
/// </summary>
public class PostgresCluster
{
    private readonly bool _durable;
    private const string InstallHint = "run scripts/install-servers.sh (it installs the Debian 'postgresql' package) and run the tests again";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private string? _binaries;

    /// <summary>The TCP port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; private set; }

    /// <param name="durable">
    /// False (the tests): no fsync, since the tests never crash the machine. True (the benchmarks):
    /// the server's defaults, every commit synced to disk as in production.
    /// </param>
    public PostgresCluster(bool durable = false) => _durable = durable;

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>A connection string to the server's <c>postgres</c> database (superuser, trust authentication).</summary>
    public string ConnectionString(string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5");

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries();
        Directory.CreateDirectory(_directory);
        if (RunningAsRoot)
        {
            await RunAsync("chown", "-R", "postgres:postgres", _directory);
        }

        await RunServerToolAsync("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Starts the server (again) on <see cref="Port"/>.</summary>
    public Task StartAsync() => RunServerToolAsync(
        "pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
        "-o", string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_directory} -c max_connections=300")
            + (_durable ? "" : " -c fsync=off -c full_page_writes=off"),
        "start");

    /// <summary>Stops the server, ending every connection (a clean, fast shutdown).</summary>
    public Task StopAsync() => RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Directory.Exists(DataDirectory) && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>
    /// The folder of initdb and pg_ctl: <c>PROCESSES_POSTGRES_BIN</c> when set (another layout, e.g.
    /// Homebrew's), else the newest /usr/lib/postgresql/&lt;version&gt;/bin (Debian's); a clear
    /// failure when there is none.
    /// </summary>
    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PROCESSES_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) && File.Exists(Path.Combine(configured, "pg_ctl"))
                ? configured
                : throw new InvalidOperationException($"PROCESSES_POSTGRES_BIN is {configured}, which has no initdb and pg_ctl: point it at PostgreSQL's bin folder, or unset it and {InstallHint}.");
        }

        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(directory => (Version: int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1, Bin: Path.Combine(directory, "bin")))
                .Where(candidate => candidate.Version > 0 && File.Exists(Path.Combine(candidate.Bin, "initdb")) && File.Exists(Path.Combine(candidate.Bin, "pg_ctl")))
                .OrderByDescending(candidate => candidate.Version)
                .ToList()
            : new();
        return candidates.Count > 0
            ? candidates[0].Bin
            : throw new InvalidOperationException($"The PostgreSQL server binaries (initdb, pg_ctl) were not found under {root}/<version>/bin: {InstallHint}.");
    }

    private static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port != 5432)
            {
                return port;
            }
        }
    }

    private Task RunServerToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_binaries!, tool);
        return RunningAsRoot
            ? RunAsync("runuser", new[] { "-u", "postgres", "--", path }.Concat(arguments).ToArray())
            : RunAsync(path, arguments);
    }

    private async Task RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            var serverLog = File.Exists(log) ? "\nserver log:\n" + string.Join('\n', File.ReadLines(log).TakeLast(20)) : "";
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}{serverLog}");
        }
    }
}
