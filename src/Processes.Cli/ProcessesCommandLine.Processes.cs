using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Processes.Cli;

/// <summary>The commands on processes: list, status, pause/play/kill, continue, watch.</summary>
internal sealed partial class ProcessesCommandLine
{
    private Command ListCommand()
    {
        var command = new Command("list", "Lists running processes (--pipe) and stored ones (--store), merged by id");
        AddFilterOptions(command);
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            writer.Rows(await ProcessRow.ListAsync(target, ReadFilter(parsed), cancellationToken).ConfigureAwait(false));
            return ExitCodes.Ok;
        });
        return command;
    }

    private Command StatusCommand()
    {
        var id = IdArgument();
        var command = new Command("status", "Shows one process's status: live from the worker, or as its checkpoint records it") { id };
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var processId = ParseId(parsed.GetRequiredValue(id));
            var status = target.Worker is { } worker
                ? await worker.GetStatusAsync(processId, cancellationToken).ConfigureAwait(false)
                : await target.StoreRuntime("status").GetStatusAsync(processId, cancellationToken).ConfigureAwait(false);
            writer.Status(status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private Command ControlCommand(string verb, string description)
    {
        var id = new Argument<string?>("id") { Description = "The process id", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every process the worker runs" };
        var message = new Option<string?>("--message") { Description = "A message recorded with the pause or kill" };
        var force = new Option<bool>("--force") { Description = "Kill without waiting for the running step" };
        var command = new Command(verb, description) { id, all };
        if (verb != "play")
        {
            command.Add(message);
        }

        if (verb == "kill")
        {
            command.Add(force);
        }

        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var worker = target.RequireWorker(verb);
            var text = parsed.GetValue(id);
            if (parsed.GetValue(all) == (text is not null))
            {
                throw new CliException(ExitCodes.Usage, $"'{verb}' needs either a process id or --all.");
            }

            if (text is null)
            {
                var count = verb switch
                {
                    "pause" => await worker.PauseAllAsync(parsed.GetValue(message), cancellationToken).ConfigureAwait(false),
                    "play" => await worker.PlayAllAsync(cancellationToken).ConfigureAwait(false),
                    _ => await worker.KillAllAsync(parsed.GetValue(message), cancellationToken).ConfigureAwait(false),
                };
                if (writer.Json)
                {
                    writer.WriteJson(json =>
                    {
                        json.WriteStartObject();
                        json.WriteString("command", verb);
                        json.WriteNumber("affected", count);
                        json.WriteEndObject();
                    });
                }
                else
                {
                    writer.Line($"{verb}: {count} process(es) affected");
                }

                return ExitCodes.Ok;
            }

            var processId = ParseId(text);
            var result = verb switch
            {
                "pause" => await worker.PauseAsync(processId, parsed.GetValue(message), cancellationToken).ConfigureAwait(false),
                "play" => await worker.PlayAsync(processId, cancellationToken).ConfigureAwait(false),
                _ => await worker.KillAsync(processId, parsed.GetValue(message), parsed.GetValue(force), cancellationToken).ConfigureAwait(false),
            };
            if (writer.Json)
            {
                writer.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("command", verb);
                    json.WriteString("id", processId.ToString());
                    json.WriteString("outcome", result.Outcome.ToString());
                    json.WriteString("state", result.State.ToString());
                    json.WriteString("message", result.Message);
                    json.WriteEndObject();
                });
            }
            else
            {
                writer.Line($"{verb} {processId}: {result.Outcome} ({result.State}) {result.Message}".TrimEnd());
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private Command RaiseCommand()
    {
        var id = IdArgument();
        var name = new Argument<string>("event") { Description = "The event's name" };
        var payload = new Option<string?>("--payload") { Description = "The payload as a JSON object with port names as keys (with --payload-type); without it the event is a signal" };
        var payloadType = new Option<string?>("--payload-type") { Description = "The payload's [PortNamespace] type, by full name, as the worker registered it (ProcessRegistry.RegisterEventPayload)" };
        var command = new Command(
            "raise",
            "Raises an external event, a signal or with a JSON payload, to a process: to the worker that runs it (--pipe), or into its stored checkpoint (--store)") { id, name, payload, payloadType };
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var processId = ParseId(parsed.GetRequiredValue(id));
            var eventName = parsed.GetRequiredValue(name);
            var payloadText = parsed.GetValue(payload);
            var type = parsed.GetValue(payloadType);
            if ((payloadText is null) != (type is null))
            {
                throw new CliException(ExitCodes.Usage, "--payload and --payload-type go together: the JSON and the type the worker reads it as.");
            }

            IProcessClient client = target.Worker is { } worker ? worker : target.StoreRuntime("raise");
            var result = payloadText is not null && type is not null
                ? await client.RaiseEventAsync(processId, eventName, type, payloadText, cancellationToken).ConfigureAwait(false)
                : await client.RaiseEventAsync(processId, eventName, cancellationToken).ConfigureAwait(false);
            if (writer.Json)
            {
                writer.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("command", "raise");
                    json.WriteString("id", processId.ToString());
                    json.WriteString("event", eventName);
                    json.WriteString("outcome", result.Outcome.ToString());
                    json.WriteString("state", result.State.ToString());
                    json.WriteString("message", result.Message);
                    json.WriteEndObject();
                });
            }
            else
            {
                writer.Line($"raise {eventName} {processId}: {result.Outcome} ({result.State}) {result.Message}");
            }

            // A rejected event (the process has ended, or is a task) is no success for a script.
            return result.Accepted ? ExitCodes.Ok : ExitCodes.NotRunning;
        });
        return command;
    }

    private Command ContinueCommand()
    {
        var id = IdArgument();
        var noWait = new Option<bool>("--no-wait") { Description = "With --pipe: return once the worker runs the process, without waiting for its end" };
        var command = new Command(
            "continue",
            "Continues a stored process and waits for its end: on the worker (--pipe), which creates it by the type name its checkpoint records, or else in this tool's process (--store; Ctrl+C detaches it again, checkpoint kept; only types this tool's process registers can run)") { id, noWait };
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var processId = ParseId(parsed.GetRequiredValue(id));
            if (target.Worker is { } worker)
            {
                var continued = await worker.ContinueAsync(processId, options: null, cancellationToken).ConfigureAwait(false);
                var final = parsed.GetValue(noWait) ? continued : await WorkerWait.UntilTerminatedAsync(worker, continued, cancellationToken).ConfigureAwait(false);
                writer.Status(final);
                return final.State.IsTerminal() && !final.IsSuccessful ? ExitCodes.Error : ExitCodes.Ok;
            }

            var runtime = target.StoreRuntime("continue");
            var handle = await runtime.ContinueAsync(processId, cancellationToken).ConfigureAwait(false);
            ProcessStatus status;
            try
            {
                status = await handle.WaitForTerminationAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await runtime.StopAsync().ConfigureAwait(false);
                throw new CliException(ExitCodes.Error, $"Stopped waiting; {processId} was detached with its checkpoint.");
            }

            writer.Status(status);
            return status.IsSuccessful ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    private Command WatchCommand()
    {
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes", DefaultValueFactory = _ => 1.0 };
        var iterations = new Option<int?>("--iterations") { Description = "Stop after this many refreshes (default: until Ctrl+C)" };
        var command = new Command("watch", "A live table of the processes, refreshed until Ctrl+C") { interval, iterations };
        AddFilterOptions(command);
        SetTargetAction(command, async (parsed, target, writer, cancellationToken) =>
        {
            var filter = ReadFilter(parsed);
            var delay = TimeSpan.FromSeconds(Math.Max(0.05, parsed.GetValue(interval)));
            var remaining = parsed.GetValue(iterations) ?? int.MaxValue;
            if (remaining < 1)
            {
                throw new CliException(ExitCodes.Usage, "--iterations must be at least 1.");
            }

            if (writer.Json)
            {
                // One JSON array per refresh, for scripts that follow the output.
                for (; remaining > 0 && !cancellationToken.IsCancellationRequested; remaining--)
                {
                    writer.Rows(await ProcessRow.ListAsync(target, filter, cancellationToken).ConfigureAwait(false));
                    if (remaining > 1)
                    {
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    }
                }

                return ExitCodes.Ok;
            }

            var table = Output.RowsTable(await ProcessRow.ListAsync(target, filter, cancellationToken).ConfigureAwait(false));
            try
            {
                await writer.Console.Live(table).StartAsync(async context =>
                {
                    while (--remaining > 0)
                    {
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                        context.UpdateTarget(Output.RowsTable(await ProcessRow.ListAsync(target, filter, cancellationToken).ConfigureAwait(false)));
                    }
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C ends watching: not an error.
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
