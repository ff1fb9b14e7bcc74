using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Processes.Hosting;

/// <summary>
/// Reads the <c>Processes</c> configuration section into <see cref="ProcessesHostingOptions"/> by
/// hand, key by key (no reflection, so Native AOT publishes stay warning-free), and rejects every
/// unknown key, unparsable value and missing required value with a
/// <see cref="ProcessesConfigurationException"/> that names the key.
/// </summary>
public static class ProcessesConfiguration
{
    /// <summary>The section <c>AddProcesses(configuration)</c> reads when given the root: <c>Processes</c>.</summary>
    public const string DefaultSectionName = "Processes";

    /// <summary>
    /// Binds <paramref name="section"/> (the <c>Processes</c> section itself) onto <paramref name="options"/>.
    /// Values that depend on each other are checked by <see cref="Validate"/>, once every source has been applied.
    /// </summary>
    /// <exception cref="ProcessesConfigurationException">A key is unknown or a value does not parse.</exception>
    public static void Bind(IConfiguration section, ProcessesHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var path = section is IConfigurationSection named ? named.Path : DefaultSectionName;
        options.SectionPath = path;
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "STORE": BindStore(child, options.Store); break;
                case "WORKER": BindWorker(child, options.Worker); break;
                case "RETENTION": BindRetention(child, options.Retention); break;
                case "CONTINUEUNFINISHEDONSTART": options.ContinueUnfinishedOnStart = ReadBoolean(child); break;
                case "OWNERID": options.OwnerId = ReadString(child); break;
                case "LEASEDURATION": options.LeaseDuration = ReadTimeSpan(child); break;
                default: throw Unknown(child, "Store, Worker, Retention, ContinueUnfinishedOnStart, OwnerId, LeaseDuration");
            }
        }
    }

    /// <summary>Checks options however they were set (configuration or code); keys in messages are relative to the bound section.</summary>
    /// <exception cref="ProcessesConfigurationException">A required value is missing or values contradict each other.</exception>
    public static void Validate(ProcessesHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.SectionPath;
        if (!Enum.IsDefined(options.Store.Kind))
        {
            throw new ProcessesConfigurationException(path + ":Store:Kind", $"'{options.Store.Kind}' is not a store kind (InMemory, File, Sqlite).");
        }

        if (options.Store.Kind != ProcessStoreKind.InMemory && string.IsNullOrWhiteSpace(options.Store.Path))
        {
            throw new ProcessesConfigurationException(path + ":Store:Path", $"a {options.Store.Kind} store needs a path ({(options.Store.Kind == ProcessStoreKind.File ? "a directory" : "a database file")}).");
        }

        if (options.Worker.SharedSecret is not null && options.Worker.SharedSecretFile is not null)
        {
            throw new ProcessesConfigurationException(path + ":Worker:SharedSecretFile", "give the secret either inline (SharedSecret) or in a file (SharedSecretFile), not both.");
        }

        if (options.Worker.PipeName is not null && string.IsNullOrWhiteSpace(options.Worker.PipeName))
        {
            throw new ProcessesConfigurationException(path + ":Worker:PipeName", "a pipe name must not be blank (leave the key out to serve no pipe).");
        }

        if (options.Worker.MaxConnections < 1)
        {
            throw new ProcessesConfigurationException(path + ":Worker:MaxConnections", "must be at least 1.");
        }

        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            throw new ProcessesConfigurationException(path + ":LeaseDuration", "must be positive.");
        }

        if (options.Retention.HistoryLength < 0)
        {
            throw new ProcessesConfigurationException(path + ":Retention:HistoryLength", "must not be negative.");
        }

        if (options.Retention.FinishedRetention is not null && options.Store.Kind != ProcessStoreKind.Sqlite)
        {
            throw new ProcessesConfigurationException(path + ":Retention:FinishedRetention", $"only a Sqlite store purges by age; the store is {options.Store.Kind} (use `processes checkpoints purge --older-than` instead).");
        }

        if (options.Retention.FinishedRetention is { } retention && retention <= TimeSpan.Zero)
        {
            throw new ProcessesConfigurationException(path + ":Retention:FinishedRetention", "must be positive (leave the key out to keep checkpoints).");
        }
    }

    private static void BindStore(IConfigurationSection section, ProcessStoreSettings store)
    {
        RejectValue(section);
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "KIND": store.Kind = ReadStoreKind(child); break;
                case "PATH": store.Path = ReadString(child); break;
                default: throw Unknown(child, "Kind, Path");
            }
        }
    }

    private static void BindWorker(IConfigurationSection section, ProcessWorkerSettings worker)
    {
        RejectValue(section);
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "PIPENAME": worker.PipeName = ReadString(child); break;
                case "SHAREDSECRET": worker.SharedSecret = ReadString(child); break;
                case "SHAREDSECRETFILE": worker.SharedSecretFile = ReadString(child); break;
                case "CURRENTUSERONLY": worker.CurrentUserOnly = ReadBoolean(child); break;
                case "MAXCONNECTIONS": worker.MaxConnections = ReadInt32(child); break;
                default: throw Unknown(child, "PipeName, SharedSecret, SharedSecretFile, CurrentUserOnly, MaxConnections");
            }
        }
    }

    private static void BindRetention(IConfigurationSection section, ProcessRetentionSettings retention)
    {
        RejectValue(section);
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "KEEPCHECKPOINTSOFFINISHEDRUNS": retention.KeepCheckpointsOfFinishedRuns = ReadBoolean(child); break;
                case "FINISHEDRETENTION": retention.FinishedRetention = ReadTimeSpan(child); break;
                case "HISTORYLENGTH": retention.HistoryLength = ReadInt32(child); break;
                default: throw Unknown(child, "KeepCheckpointsOfFinishedRuns, FinishedRetention, HistoryLength");
            }
        }
    }

    private static ProcessStoreKind ReadStoreKind(IConfigurationSection section)
    {
        var value = ReadString(section);
        return value.ToUpperInvariant() switch
        {
            "INMEMORY" or "MEMORY" => ProcessStoreKind.InMemory,
            "FILE" => ProcessStoreKind.File,
            "SQLITE" => ProcessStoreKind.Sqlite,
            _ => throw new ProcessesConfigurationException(section.Path, $"'{value}' is not a store kind; use InMemory, File or Sqlite."),
        };
    }

    private static string ReadString(IConfigurationSection section)
    {
        RejectChildren(section);
        return section.Value ?? string.Empty;
    }

    private static bool ReadBoolean(IConfigurationSection section) =>
        bool.TryParse(ReadString(section), out var value)
            ? value
            : throw new ProcessesConfigurationException(section.Path, $"'{section.Value}' is not true or false.");

    private static int ReadInt32(IConfigurationSection section) =>
        int.TryParse(ReadString(section), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProcessesConfigurationException(section.Path, $"'{section.Value}' is not a whole number.");

    private static TimeSpan ReadTimeSpan(IConfigurationSection section) =>
        TimeSpan.TryParse(ReadString(section), CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProcessesConfigurationException(section.Path, $"'{section.Value}' is not a duration (use [d.]hh:mm:ss, e.g. 00:00:30).");

    private static void RejectValue(IConfigurationSection section)
    {
        if (!string.IsNullOrEmpty(section.Value))
        {
            throw new ProcessesConfigurationException(section.Path, "expected a section with keys, found a value.");
        }
    }

    private static void RejectChildren(IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            throw new ProcessesConfigurationException(child.Path, "expected a single value, found a section.");
        }
    }

    private static ProcessesConfigurationException Unknown(IConfigurationSection section, string known) =>
        new(section.Path, $"unknown key '{section.Key}'; known keys here: {known}.");
}
