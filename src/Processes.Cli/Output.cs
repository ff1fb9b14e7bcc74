using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Processes.Checkpoints;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Processes.Cli;

/// <summary>Writes results as tables for people (Spectre.Console) or as JSON for scripts (<c>--json</c>), with no reflection.</summary>
internal sealed class Output
{
    private readonly TextWriter _writer;

    public Output(TextWriter writer, bool json)
    {
        _writer = writer;
        Json = json;
        var terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            // Colors only for a terminal; redirected output stays plain text.
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            // A file or pipe has no width: keep ids on one line for grep.
            Console.Profile.Width = 240;
        }
    }

    public bool Json { get; }

    public IAnsiConsole Console { get; }

    public void Line(string text) => _writer.WriteLine(text);

    /// <summary>Writes one JSON document (indented) built by <paramref name="write"/>.</summary>
    public void WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        _writer.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public static Table RowsTable(IReadOnlyList<ProcessRow> rows)
    {
        var table = new Table().AddColumns("Id", "Type", "State", "Where", "Parent", "Tags", "Status");
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Id.ToString()),
                Markup.Escape(row.Type),
                Markup.Escape(StateText(row.State, row.Paused)),
                row.Running ? "running" : "stored",
                row.ParentId?.ToString() ?? "",
                Markup.Escape(string.Join(",", row.Tags)),
                Markup.Escape(row.Message ?? ""));
        }

        return table;
    }

    public void Rows(IReadOnlyList<ProcessRow> rows)
    {
        if (Json)
        {
            WriteJson(json =>
            {
                json.WriteStartArray();
                foreach (var row in rows)
                {
                    WriteRow(json, row);
                }

                json.WriteEndArray();
            });
            return;
        }

        if (rows.Count == 0)
        {
            Line("No processes.");
            return;
        }

        Console.Write(RowsTable(rows));
    }

    public static void WriteRow(Utf8JsonWriter json, ProcessRow row)
    {
        json.WriteStartObject();
        json.WriteString("id", row.Id.ToString());
        json.WriteString("type", row.Type);
        json.WriteString("state", row.State.ToString());
        json.WriteBoolean("paused", row.Paused);
        json.WriteBoolean("running", row.Running);
        json.WriteBoolean("stored", row.Stored);
        WriteOptional(json, "parentId", row.ParentId?.ToString());
        json.WriteStartArray("tags");
        foreach (var tag in row.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        if (row.SavedAt is { } savedAt)
        {
            json.WriteString("savedAt", savedAt);
        }

        WriteOptional(json, "statusMessage", row.Message);
        json.WriteEndObject();
    }

    public void Status(ProcessStatus status)
    {
        if (Json)
        {
            WriteJson(json => WriteStatus(json, status));
            return;
        }

        var grid = new Grid().AddColumn().AddColumn();
        foreach (var (name, value) in StatusFields(status))
        {
            grid.AddRow(new Text(name), new Text(value));
        }

        Console.Write(grid);
    }

    public static void WriteStatus(Utf8JsonWriter json, ProcessStatus status)
    {
        json.WriteStartObject();
        json.WriteString("id", status.Id.ToString());
        json.WriteString("type", status.Name);
        json.WriteString("state", status.State.ToString());
        json.WriteBoolean("paused", status.Paused);
        json.WriteString("createdAt", status.CreatedAt);
        WriteOptional(json, "parentId", status.ParentId?.ToString());
        WriteOptional(json, "statusMessage", status.StatusMessage);
        if (status.ExitCode is { } exitCode)
        {
            json.WriteNumber("exitCode", exitCode);
        }

        WriteOptional(json, "exitMessage", status.ExitMessage);
        WriteOptional(json, "killMessage", status.KillMessage);
        if (status.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteString("type", error.TypeName);
            json.WriteString("message", error.Message);
            WriteOptional(json, "stackTrace", error.StackTrace);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    public static void WriteInfo(Utf8JsonWriter json, CheckpointInfo info)
    {
        json.WriteStartObject();
        json.WriteString("id", info.Id.ToString());
        json.WriteString("type", info.ProcessName);
        json.WriteString("state", info.State.ToString());
        json.WriteBoolean("paused", info.Paused);
        WriteOptional(json, "parentId", info.ParentId?.ToString());
        json.WriteStartArray("tags");
        foreach (var tag in info.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteString("savedAt", info.SavedAt);
        json.WriteNumber("sequence", info.Sequence);
        json.WriteEndObject();
    }

    public static string StateText(ProcessState state, bool paused) => paused ? state + " (paused)" : state.ToString();

    private static IEnumerable<(string Name, string Value)> StatusFields(ProcessStatus status)
    {
        yield return ("Id", status.Id.ToString());
        yield return ("Type", status.Name);
        yield return ("State", StateText(status.State, status.Paused));
        yield return ("Created", status.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        if (status.ParentId is { } parent)
        {
            yield return ("Parent", parent.ToString());
        }

        if (status.StatusMessage is { } message)
        {
            yield return ("Status", message);
        }

        if (status.ExitCode is { } exitCode)
        {
            yield return ("Exit code", exitCode.ToString(CultureInfo.InvariantCulture) + (status.ExitMessage is null ? "" : " (" + status.ExitMessage + ")"));
        }

        if (status.KillMessage is { } kill)
        {
            yield return ("Killed", kill);
        }

        if (status.Error is { } error)
        {
            yield return ("Error", error.TypeName + ": " + error.Message);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
