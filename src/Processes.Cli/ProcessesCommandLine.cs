using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Remote;

namespace Processes.Cli;

/// <summary>
/// The <c>processes</c> command line: the commands, their options, and the mapping of failures to
/// exit codes (<see cref="ExitCodes"/>). Runs in process with any writers, so tests call it directly.
/// </summary>
internal sealed partial class ProcessesCommandLine
{
    private readonly Option<string?> PipeOption = new("--pipe") { Description = "The worker's pipe name (running processes; control)", HelpName = "NAME", Recursive = true };
    private readonly Option<string?> SecretFileOption = new("--secret-file") { Description = "A file holding the worker's shared secret", HelpName = "FILE", Recursive = true };
    private readonly Option<string?> StoreOption = new("--store") { Description = "A checkpoint store: file:DIRECTORY or sqlite:DATABASE-FILE (stored processes)", HelpName = "KIND:PATH", Recursive = true };
    private readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON for scripts instead of tables", Recursive = true };
    private readonly Option<ProcessState?> StateOption = new("--state") { Description = "Only processes in this state (Created, Running, Waiting, Finished, Excepted, Killed)" };
    private readonly Option<string?> TypeOption = new("--type") { Description = "Only processes of this registered type name" };
    private readonly Option<string?> TagOption = new("--tag") { Description = "Only processes with this tag (tags come from the store)" };
    private readonly Option<bool> RootsOption = new("--roots") { Description = "Only top-level processes (no parent)" };

    private readonly TextWriter _output;
    private readonly TextWriter _error;

    // Symbols belong to one command tree, so each invocation builds its own (tests run several at once).
    private ProcessesCommandLine(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing results to <paramref name="output"/> and problems to <paramref name="error"/>; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        new ProcessesCommandLine(output, error).RunAsync(args, cancellationToken);

    private async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = BuildRoot();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await _error.WriteLineAsync("processes: " + problem.Message).ConfigureAwait(false);
            }

            await _error.WriteLineAsync("Run 'processes --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }

    private RootCommand BuildRoot()
    {
        var root = new RootCommand("Lists, inspects and controls Processes.Sdk processes on a worker (--pipe) or in a checkpoint store (--store).")
        {
            PipeOption, SecretFileOption, StoreOption, JsonOption,
        };

        root.Add(ListCommand());
        root.Add(StatusCommand());
        root.Add(ControlCommand("pause", "Pauses a running process (or all with --all)"));
        root.Add(ControlCommand("play", "Resumes a paused process (or all with --all)"));
        root.Add(ControlCommand("kill", "Kills a running process (or all with --all)"));
        root.Add(ContinueCommand());
        root.Add(RaiseCommand());
        root.Add(WatchCommand());
        root.Add(CheckpointsCommand());
        return root;
    }

    /// <summary>Gives a command its action: opens the target, runs <paramref name="body"/>, maps failures to exit codes.</summary>
    private void SetTargetAction(Command command, Func<ParseResult, Target, Output, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var writer = new Output(_output, parsed.GetValue(JsonOption));
            try
            {
                await using var target = await Target.OpenAsync(parsed.GetValue(PipeOption), parsed.GetValue(SecretFileOption), parsed.GetValue(StoreOption), cancellationToken).ConfigureAwait(false);
                return await body(parsed, target, writer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (ToExitCode(exception) is { } code)
            {
                await _error.WriteLineAsync("processes: " + exception.Message).ConfigureAwait(false);
                return code;
            }
        });
    }

    private static int? ToExitCode(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        CheckpointNotFoundException => ExitCodes.NotFound,
        ProcessNotRunningException => ExitCodes.NotRunning,
        UnknownProcessTypeException or NotSupportedException => ExitCodes.Unsupported,
        PortValidationException => ExitCodes.Usage,
        RemoteAuthenticationException or RemoteWorkerBusyException => ExitCodes.Unreachable,
        OperationCanceledException => ExitCodes.Error,
        ProcessException or RemoteProcessException or IOException or UnauthorizedAccessException or InvalidOperationException => ExitCodes.Error,
        _ => null,
    };

    private static Argument<string> IdArgument() => new("id") { Description = "The process id (32 hex digits)" };

    private static ProcessId ParseId(string text) =>
        ProcessId.TryParse(text, null, out var id) ? id : throw new CliException(ExitCodes.Usage, $"'{text}' is not a process id (32 hex digits).");

    private ProcessRow.Filter ReadFilter(ParseResult parsed) =>
        new(parsed.GetValue(StateOption), parsed.GetValue(TypeOption), parsed.GetValue(TagOption), parsed.GetValue(RootsOption));

    private void AddFilterOptions(Command command)
    {
        command.Add(StateOption);
        command.Add(TypeOption);
        command.Add(TagOption);
        command.Add(RootsOption);
    }
}
