using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Processes.RabbitMQ;

/// <summary>
/// Reads a configuration section (e.g. <c>Processes:RabbitMQ</c>) into
/// <see cref="RabbitMqConnectionOptions"/> key by key, without reflection. Unknown keys and values
/// that do not parse throw <see cref="FormatException"/> naming the key (never the value, which may
/// be the password).
/// </summary>
public static class RabbitMqConfiguration
{
    /// <summary>
    /// The options <paramref name="section"/> describes, starting from <paramref name="defaults"/>
    /// (or the built-in defaults). Keys: <c>Host</c>, <c>Port</c>, <c>VirtualHost</c>,
    /// <c>UserName</c>, <c>Password</c>, <c>UseTls</c>, <c>TlsServerName</c>, <c>Prefix</c>,
    /// <c>ReconnectDelay</c>, <c>MaxReconnectDelay</c>, <c>ConnectTimeout</c>, <c>Heartbeat</c>
    /// (time spans as <c>hh:mm:ss</c>).
    /// </summary>
    public static RabbitMqConnectionOptions Read(IConfiguration section, RabbitMqConnectionOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = defaults ?? new RabbitMqConnectionOptions();
        foreach (var child in section.GetChildren())
        {
            var value = child.Value ?? "";
            options = child.Key.ToUpperInvariant() switch
            {
                "HOST" => options with { Host = value },
                "PORT" => options with { Port = ReadPort(child) },
                "VIRTUALHOST" => options with { VirtualHost = value },
                "USERNAME" => options with { UserName = value },
                "PASSWORD" => options with { Password = value },
                "USETLS" => options with { UseTls = ReadBoolean(child) },
                "TLSSERVERNAME" => options with { TlsServerName = value.Length == 0 ? null : value },
                "PREFIX" => options with { Prefix = value },
                "RECONNECTDELAY" => options with { ReconnectDelay = ReadTimeSpan(child) },
                "MAXRECONNECTDELAY" => options with { MaxReconnectDelay = ReadTimeSpan(child) },
                "CONNECTTIMEOUT" => options with { ConnectTimeout = ReadTimeSpan(child) },
                "HEARTBEAT" => options with { Heartbeat = ReadTimeSpan(child) },
                _ => throw new FormatException($"{child.Path}: unknown key (expected Host, Port, VirtualHost, UserName, Password, UseTls, TlsServerName, Prefix, ReconnectDelay, MaxReconnectDelay, ConnectTimeout, Heartbeat)."),
            };
        }

        return options;
    }

    private static int ReadPort(IConfigurationSection child) =>
        int.TryParse(child.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"{child.Path}: not a port number (1 to 65535).");

    private static bool ReadBoolean(IConfigurationSection child) =>
        bool.TryParse(child.Value, out var value) ? value : throw new FormatException($"{child.Path}: not true or false.");

    private static TimeSpan ReadTimeSpan(IConfigurationSection child) =>
        TimeSpan.TryParse(child.Value, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new FormatException($"{child.Path}: not a positive time span (hh:mm:ss).");
}
