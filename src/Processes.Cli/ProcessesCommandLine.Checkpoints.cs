using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Processes.Checkpoints;
using Spectre.Console;

namespace Processes.Cli;

/// <summary>The <c>checkpoints</c> commands: list, show, delete, purge (a store target).</summary>
internal sealed partial class ProcessesCommandLine
{
    private Command CheckpointsCommand()
    {
        var command = new Command("checkpoints", "Reads and cleans a checkpoint store (--store)");
        command.Add(CheckpointsListCommand());
        command.Add(CheckpointsShowCommand());
        command.Add(CheckpointsDeleteCommand());
        command.Add(CheckpointsPurgeCommand());
        return command;
    }

    private Command CheckpointsListCommand()
    {
        var command = new Command("list", "Lists the stored checkpoints");
        AddFilterOptions(command);
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var filter = ReadFilter(parsed);
            var infos = (await target.RequireStore("checkpoints list").ListAsync(new CheckpointQuery { State = filter.State, ProcessName = filter.Type, Tag = filter.Tag }, cancellationToken).ConfigureAwait(false))
                .Where(info => !filter.RootsOnly || info.ParentId is null)
                .OrderBy(info => info.SavedAt)
                .ToList();
            if (writer.Json)
            {
                writer.WriteJson(json =>
                {
                    json.WriteStartArray();
                    foreach (var info in infos)
                    {
                        Output.WriteInfo(json, info);
                    }

                    json.WriteEndArray();
                });
                return ExitCodes.Ok;
            }

            if (infos.Count == 0)
            {
                writer.Line("No checkpoints.");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Id", "Type", "State", "Parent", "Tags", "Saved");
            foreach (var info in infos)
            {
                table.AddRow(
                    info.Id.ToString(),
                    Markup.Escape(info.ProcessName),
                    Output.StateText(info.State, info.Paused),
                    info.ParentId?.ToString() ?? "",
                    Markup.Escape(string.Join(",", info.Tags)),
                    info.SavedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            writer.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private Command CheckpointsShowCommand()
    {
        var id = IdArgument();
        var raw = new Option<bool>("--raw") { Description = "Add the checkpoint's bytes, base64" };
        var command = new Command(
            "show",
            "Shows a checkpoint as JSON: the store's record and the status its envelope holds (inputs, outputs and state stay binary: they need the process type)") { id, raw };
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var processId = ParseId(parsed.GetRequiredValue(id));
            var checkpoint = await target.RequireStore("checkpoints show").LoadAsync(processId, cancellationToken).ConfigureAwait(false)
                ?? throw new CheckpointNotFoundException(processId);
            var status = await target.StoreRuntime("checkpoints show").GetStatusAsync(processId, cancellationToken).ConfigureAwait(false);
            var includeRaw = parsed.GetValue(raw);

            // Always JSON: the command exists to decode.
            writer.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WritePropertyName("checkpoint");
                Output.WriteInfo(json, checkpoint.Info);
                if (checkpoint.FencingToken is { } token)
                {
                    json.WriteNumber("fencingToken", token);
                }

                json.WriteNumber("bytes", checkpoint.Data.Length);
                json.WritePropertyName("status");
                Output.WriteStatus(json, status);
                if (includeRaw)
                {
                    json.WriteBase64String("data", checkpoint.Data.Span);
                }

                json.WriteEndObject();
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private Command CheckpointsDeleteCommand()
    {
        var id = IdArgument();
        var command = new Command("delete", "Deletes one process's checkpoint") { id };
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var processId = ParseId(parsed.GetRequiredValue(id));
            if (!await target.RequireStore("checkpoints delete").DeleteAsync(processId, cancellationToken).ConfigureAwait(false))
            {
                throw new CliException(ExitCodes.NotFound, $"No checkpoint for {processId}.");
            }

            WriteCount(writer, "deleted", 1);
            return ExitCodes.Ok;
        });
        return command;
    }

    private Command CheckpointsPurgeCommand()
    {
        var olderThan = new Option<TimeSpan?>("--older-than") { Description = "Only checkpoints saved longer ago than this ([d.]hh:mm:ss)" };
        var unfinished = new Option<bool>("--include-unfinished") { Description = "Also delete processes that have not terminated (they cannot be continued afterwards)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be deleted, delete nothing" };
        var command = new Command("purge", "Deletes the checkpoints of terminated processes (Finished, Excepted, Killed) that match the filters") { olderThan, unfinished, dryRun };
        AddFilterOptions(command);
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var store = target.RequireStore("checkpoints purge");
            var filter = ReadFilter(parsed);
            var query = new CheckpointQuery
            {
                State = filter.State,
                ProcessName = filter.Type,
                Tag = filter.Tag,
                SavedBefore = parsed.GetValue(olderThan) is { } age ? DateTimeOffset.UtcNow - age : null,
            };
            var includeUnfinished = parsed.GetValue(unfinished);
            var doomed = (await store.ListAsync(query, cancellationToken).ConfigureAwait(false))
                .Where(info => includeUnfinished || ProcessRow.IsTerminal(info.State))
                .Where(info => !filter.RootsOnly || info.ParentId is null)
                .ToList();
            var deleted = 0;
            if (!parsed.GetValue(dryRun))
            {
                foreach (var info in doomed)
                {
                    if (await store.DeleteAsync(info.Id, cancellationToken).ConfigureAwait(false))
                    {
                        deleted++;
                    }
                }
            }

            WriteCount(writer, parsed.GetValue(dryRun) ? "wouldDelete" : "deleted", parsed.GetValue(dryRun) ? doomed.Count : deleted);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteCount(Output writer, string what, int count)
    {
        if (writer.Json)
        {
            writer.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteNumber(what, count);
                json.WriteEndObject();
            });
        }
        else
        {
            writer.Line(what == "wouldDelete" ? $"would delete {count} checkpoint(s)" : $"deleted {count} checkpoint(s)");
        }
    }
}
