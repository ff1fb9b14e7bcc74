using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>Connection options from configuration, and a password that never shows.</summary>
public sealed class ConfigurationTests
{
    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Processes:RabbitMQ");

    [Fact]
    public void Every_key_is_read_and_the_rest_keep_their_defaults()
    {
        var options = RabbitMqConfiguration.Read(Section(new()
        {
            ["Processes:RabbitMQ:Host"] = "broker.internal",
            ["Processes:RabbitMQ:Port"] = "5671",
            ["Processes:RabbitMQ:VirtualHost"] = "jobs",
            ["Processes:RabbitMQ:UserName"] = "worker",
            ["Processes:RabbitMQ:Password"] = "s3cret-value",
            ["Processes:RabbitMQ:UseTls"] = "true",
            ["Processes:RabbitMQ:TlsServerName"] = "broker.example",
            ["Processes:RabbitMQ:Prefix"] = "prod",
            ["Processes:RabbitMQ:Heartbeat"] = "00:00:05",
        }));

        Assert.Equal(("broker.internal", 5671, "jobs", "worker", "s3cret-value"), (options.Host, options.Port, options.VirtualHost, options.UserName, options.Password));
        Assert.True(options.UseTls);
        Assert.Equal("broker.example", options.TlsServerName);
        Assert.Equal("prod", options.Prefix);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Heartbeat);
        Assert.Equal(new RabbitMqConnectionOptions().ReconnectDelay, options.ReconnectDelay);
    }

    [Fact]
    public void The_password_never_appears_in_the_options_text_or_in_an_error()
    {
        var options = new RabbitMqConnectionOptions { UserName = "worker", Password = "s3cret-value", Host = "broker.internal", UseTls = true };

        Assert.Equal("amqps://worker:***@broker.internal:5672/%2F (prefix processes)", options.ToString());
        Assert.DoesNotContain("s3cret", (options with { VirtualHost = "v" }).ToString(), StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => RabbitMqConfiguration.Read(Section(new() { ["Processes:RabbitMQ:Port"] = "s3cret-value" })));
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Contains("Processes:RabbitMQ:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_refused_by_name()
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqConfiguration.Read(Section(new() { ["Processes:RabbitMQ:Hostname"] = "x" })));

        Assert.Contains("Processes:RabbitMQ:Hostname", error.Message, StringComparison.Ordinal);
    }
}
