using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Processes.Cli.Tests;

/// <summary>One run of the `processes` command line in this test process: its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ProcessesCommandLine.InvokeAsync(args, output, error).WaitAsync(TimeSpan.FromSeconds(60));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Output);
            return document.RootElement.Clone();
        }
    }

    public string[] Ids => Json.EnumerateArray().Select(row => row.GetProperty("id").GetString()!).ToArray();

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
