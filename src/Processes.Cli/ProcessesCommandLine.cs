using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Cli;

/// <summary>
/// The <c>processes</c> command line: the commands, their options, and the mapping of failures to
/// exit codes (<see cref="ExitCodes"/>). Runs in process with any writers, so tests call it directly.
/// </summary>
internal static partial class ProcessesCommandLine
{
    private static readonly Option<string?> PipeOption = new("--pipe") { Description = "The worker's pipe name (running processes; control)", HelpName = "NAME", Recursive = true };
    private static readonly Option<string?> SecretFileOption = new("--secret-file") { Description = "A file holding the worker's shared secret", HelpName = "FILE", Recursive = true };
    private static readonly Option<string?> StoreOption = new("--store") { Description = "A checkpoint store: file:DIRECTORY or sqlite:DATABASE-FILE (stored processes)", HelpName = "KIND:PATH", Recursive = true };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON for scripts instead of tables", Recursive = true };
    private static readonly Option<ProcessState?> StateOption = new("--state") { Description = "Only processes in this state (Created, Running, Waiting, Finished, Excepted, Killed)" };
    private static readonly Option<string?> TypeOption = new("--type") { Description = "Only processes of this registered type name" };
    private static readonly Option<string?> TagOption = new("--tag") { Description = "Only processes with this tag (tags come from the store)" };
    private static readonly Option<bool> RootsOption = new("--roots") { Description = "Only top-level processes (no parent)" };

    /// <summary>Parses and runs <paramref name="args"/>, writing results to <paramref name="output"/> and problems to <paramref name="error"/>; returns the exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(output, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync("processes: " + problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'processes --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand BuildRoot(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Lists, inspects and controls Processes.Sdk processes on a worker (--pipe) or in a checkpoint store (--store).")
        {
            PipeOption, SecretFileOption, StoreOption, JsonOption,
        };

        root.Add(ListCommand(output, error));
        root.Add(StatusCommand(output, error));
        root.Add(ControlCommand("pause", "Pauses a running process (or all with --all)", output, error));
        root.Add(ControlCommand("play", "Resumes a paused process (or all with --all)", output, error));
        root.Add(ControlCommand("kill", "Kills a running process (or all with --all)", output, error));
        root.Add(ContinueCommand(output, error));
        root.Add(WatchCommand(output, error));
        root.Add(CheckpointsCommand(output, error));
        return root;
    }

    /// <summary>Gives a command its action: opens the target, runs <paramref name="body"/>, maps failures to exit codes.</summary>
    private static void SetTargetAction(Command command, TextWriter output, TextWriter error, Func<ParseResult, Target, Output, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var writer = new Output(output, parsed.GetValue(JsonOption));
            try
            {
                await using var target = await Target.OpenAsync(parsed.GetValue(PipeOption), parsed.GetValue(SecretFileOption), parsed.GetValue(StoreOption), cancellationToken).ConfigureAwait(false);
                return await body(parsed, target, writer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (ToExitCode(exception) is { } code)
            {
                await error.WriteLineAsync("processes: " + exception.Message).ConfigureAwait(false);
                return code;
            }
        });
    }

    private static int? ToExitCode(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        CheckpointNotFoundException => ExitCodes.NotFound,
        ProcessNotRunningException => ExitCodes.NotRunning,
        UnknownProcessTypeException => ExitCodes.Unsupported,
        RemoteAuthenticationException or RemoteWorkerBusyException => ExitCodes.Unreachable,
        OperationCanceledException => ExitCodes.Error,
        ProcessException or RemoteProcessException or IOException or UnauthorizedAccessException or InvalidOperationException => ExitCodes.Error,
        _ => null,
    };

    private static Argument<string> IdArgument() => new("id") { Description = "The process id (32 hex digits)" };

    private static ProcessId ParseId(string text) =>
        ProcessId.TryParse(text, null, out var id) ? id : throw new CliException(ExitCodes.Usage, $"'{text}' is not a process id (32 hex digits).");

    private static ProcessRow.Filter ReadFilter(ParseResult parsed) =>
        new(parsed.GetValue(StateOption), parsed.GetValue(TypeOption), parsed.GetValue(TagOption), parsed.GetValue(RootsOption));

    private static void AddFilterOptions(Command command)
    {
        command.Add(StateOption);
        command.Add(TypeOption);
        command.Add(TagOption);
        command.Add(RootsOption);
    }
}
