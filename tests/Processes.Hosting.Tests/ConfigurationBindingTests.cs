using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Processes.Checkpoints;
using Processes.Sqlite;
using Xunit;

namespace Processes.Hosting.Tests;

public sealed class ConfigurationBindingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-hosting-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_store_section_the_store_is_in_memory()
    {
        await using var provider = Build(new Dictionary<string, string?>());
        Assert.IsType<InMemoryCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Same(provider.GetRequiredService<ProcessRuntime>(), provider.GetRequiredService<IProcessClient>());
    }

    [Fact]
    public async Task A_file_store_is_created_in_the_configured_directory()
    {
        await using var provider = Build(new() { ["Processes:Store:Kind"] = "File", ["Processes:Store:Path"] = _directory });
        var store = Assert.IsType<FileCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Equal(Path.GetFullPath(_directory), Path.GetFullPath(store.DirectoryPath));
        Assert.Same(store, provider.GetRequiredService<ProcessRuntime>().Store);
    }

    [Fact]
    public async Task A_sqlite_store_opens_the_configured_database_with_the_retention_settings()
    {
        var database = Path.Combine(_directory, "checkpoints.db");
        await using var provider = Build(new()
        {
            ["Processes:Store:Kind"] = "sqlite",
            ["Processes:Store:Path"] = database,
            ["Processes:Retention:FinishedRetention"] = "7.00:00:00",
            ["Processes:Retention:HistoryLength"] = "3",
            ["Processes:Retention:KeepCheckpointsOfFinishedRuns"] = "true",
        });
        var store = Assert.IsType<SqliteCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Equal(Path.GetFullPath(database), store.FilePath);
        Assert.True(File.Exists(database));
        var options = provider.GetRequiredService<IOptions<ProcessesHostingOptions>>().Value;
        Assert.Equal(TimeSpan.FromDays(7), options.Retention.FinishedRetention);
        Assert.Equal(3, options.Retention.HistoryLength);
        Assert.True(options.Retention.KeepCheckpointsOfFinishedRuns);
    }

    [Fact]
    public async Task Worker_and_runtime_keys_are_bound()
    {
        await using var provider = Build(new()
        {
            ["Processes:Worker:PipeName"] = "orders",
            ["Processes:Worker:SharedSecretFile"] = "/run/secrets/processes",
            ["Processes:Worker:CurrentUserOnly"] = "false",
            ["Processes:Worker:MaxConnections"] = "5",
            ["Processes:ContinueUnfinishedOnStart"] = "true",
            ["Processes:OwnerId"] = "host-a",
            ["Processes:LeaseDuration"] = "00:01:00",
        });
        var options = provider.GetRequiredService<IOptions<ProcessesHostingOptions>>().Value;
        Assert.Equal("orders", options.Worker.PipeName);
        Assert.Equal("/run/secrets/processes", options.Worker.SharedSecretFile);
        Assert.False(options.Worker.CurrentUserOnly);
        Assert.Equal(5, options.Worker.MaxConnections);
        Assert.True(options.ContinueUnfinishedOnStart);
        Assert.Equal("host-a", provider.GetRequiredService<ProcessRuntime>().OwnerId);
        Assert.Equal(TimeSpan.FromMinutes(1), provider.GetRequiredService<ProcessRuntime>().LeaseDuration);
    }

    [Fact]
    public async Task The_configure_callback_runs_after_the_configuration()
    {
        var services = new ServiceCollection();
        services.AddProcesses(Section(new() { ["Processes:Store:Kind"] = "File" }), options => options.Store.Path = _directory);
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<FileCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
    }

    [Fact]
    public async Task A_store_registered_before_AddProcesses_is_kept()
    {
        var mine = new InMemoryCheckpointStore();
        var services = new ServiceCollection();
        services.AddSingleton<ICheckpointStore>(mine);
        services.AddProcesses(Section(new() { ["Processes:Store:Kind"] = "File", ["Processes:Store:Path"] = _directory }));
        await using var provider = services.BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<ProcessRuntime>().Store);
    }

    [Theory]
    [InlineData("Processes:Store:Kind", "Postgres", "Processes:Store:Kind", "not a store kind")]
    [InlineData("Processes:Store:Kind", "File", "Processes:Store:Path", "needs a path")]
    [InlineData("Processes:Store:Kind", "Sqlite", "Processes:Store:Path", "needs a path")]
    [InlineData("Processes:Store:Paht", "x", "Processes:Store:Paht", "unknown key 'Paht'")]
    [InlineData("Processes:Workers:PipeName", "x", "Processes:Workers", "unknown key 'Workers'")]
    [InlineData("Processes:Worker:MaxConnections", "many", "Processes:Worker:MaxConnections", "not a whole number")]
    [InlineData("Processes:Worker:MaxConnections", "0", "Processes:Worker:MaxConnections", "at least 1")]
    [InlineData("Processes:Worker:CurrentUserOnly", "yes", "Processes:Worker:CurrentUserOnly", "not true or false")]
    [InlineData("Processes:LeaseDuration", "soon", "Processes:LeaseDuration", "not a duration")]
    [InlineData("Processes:Retention:FinishedRetention", "7.00:00:00", "Processes:Retention:FinishedRetention", "only a Sqlite store purges by age")]
    [InlineData("Processes:Store", "File", "Processes:Store", "expected a section")]
    public async Task Bad_configuration_fails_with_a_typed_error_naming_the_key(string key, string value, string expectedKey, string expectedMessage)
    {
        await using var provider = Build(new() { [key] = value });
        var error = Assert.Throws<ProcessesConfigurationException>(() => provider.GetRequiredService<IProcessClient>());
        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(expectedKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_retention_is_refused()
    {
        await using var provider = Build(new()
        {
            ["Processes:Store:Kind"] = "Sqlite",
            ["Processes:Store:Path"] = Path.Combine(_directory, "x.db"),
            ["Processes:Retention:FinishedRetention"] = "-1.00:00:00",
        });
        var error = Assert.Throws<ProcessesConfigurationException>(() => provider.GetRequiredService<IProcessClient>());
        Assert.Equal("Processes:Retention:FinishedRetention", error.Key);
    }

    [Fact]
    public void Both_an_inline_secret_and_a_secret_file_are_refused()
    {
        var options = new ProcessesHostingOptions();
        options.Worker.SharedSecret = "s";
        options.Worker.SharedSecretFile = "f";
        var error = Assert.Throws<ProcessesConfigurationException>(() => ProcessesConfiguration.Validate(options));
        Assert.Equal("Processes:Worker:SharedSecretFile", error.Key);
    }

    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(ProcessesConfiguration.DefaultSectionName);

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddProcesses(Section(values));
        return services.BuildServiceProvider();
    }
}
