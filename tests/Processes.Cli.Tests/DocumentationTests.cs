using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Processes.Cli.Tests;

/// <summary>docs/cli.md states what the tool does: its exit codes and its commands.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));

    [Fact]
    public void The_exit_code_table_lists_exactly_the_tools_exit_codes()
    {
        var documented = ExitCodeRow().Matches(Page).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        int[] actual = [ExitCodes.Ok, ExitCodes.Error, ExitCodes.Usage, ExitCodes.NotFound, ExitCodes.NotRunning, ExitCodes.Unreachable, ExitCodes.Unsupported];
        Assert.Equal(actual, documented);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("status")]
    [InlineData("pause")]
    [InlineData("play")]
    [InlineData("kill")]
    [InlineData("continue")]
    [InlineData("raise")]
    [InlineData("watch")]
    [InlineData("checkpoints list")]
    [InlineData("checkpoints show")]
    [InlineData("checkpoints delete")]
    [InlineData("checkpoints purge")]
    public async System.Threading.Tasks.Task Every_documented_command_exists(string command)
    {
        Assert.Contains("| `" + command, Page, StringComparison.Ordinal);
        var help = await CliRun.RunAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, help.ExitCode);
    }

    private static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", ".."));

    [GeneratedRegex(@"^\| (\d) \|", RegexOptions.Multiline)]
    private static partial Regex ExitCodeRow();
}
