using System;
using System.Globalization;

namespace Processes.RabbitMQ;

/// <summary>
/// Where the broker is and how to log in. Clients and workers of one deployment use the same
/// values (and the same <see cref="Prefix"/>). <see cref="ToString"/> never shows the password, so
/// the options can be logged as they are.
/// </summary>
public sealed record RabbitMqConnectionOptions
{
    /// <summary>The broker's host name or address. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The AMQP port. Default 5672 (5671 is the usual TLS port: set it with <see cref="UseTls"/>).</summary>
    public int Port { get; init; } = 5672;

    /// <summary>The virtual host. Default <c>/</c>.</summary>
    public string VirtualHost { get; init; } = "/";

    /// <summary>The user name. Default <c>guest</c> (which RabbitMQ admits only from localhost unless configured otherwise).</summary>
    public string UserName { get; init; } = "guest";

    /// <summary>The password. Never logged, never shown by <see cref="ToString"/>.</summary>
    public string Password { get; init; } = "guest";

    /// <summary>Connect with TLS (the server's certificate is checked against <see cref="TlsServerName"/>).</summary>
    public bool UseTls { get; init; }

    /// <summary>The name the server's TLS certificate must carry; null: <see cref="Host"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// The first part of every queue and exchange name, so several deployments can share one
    /// virtual host. Default <c>processes</c>.
    /// </summary>
    public string Prefix { get; init; } = "processes";

    /// <summary>
    /// The first wait before connecting again after a failed attempt; each further attempt waits
    /// twice as long, up to <see cref="MaxReconnectDelay"/>. A connection lost while running is
    /// recovered by the client library every <see cref="ReconnectDelay"/>. Default 1 s.
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two connection attempts. Default 30 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the first connection may take, attempts and waits included, before it fails. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The AMQP heartbeat: a peer silent for twice this long is taken for dead, so the broker
    /// redelivers a dead worker's messages within about twice this time. Default 10 s.
    /// </summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Host, port, virtual host, user, TLS and prefix; the password is redacted.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"amqp{(UseTls ? "s" : "")}://{UserName}:***@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)} (prefix {Prefix})");
}
