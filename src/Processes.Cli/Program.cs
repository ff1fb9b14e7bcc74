using System;
using Processes.Cli;

// processes <command> [options]: see docs/cli.md or `processes --help`.
return await ProcessesCommandLine.InvokeAsync(args, Console.Out, Console.Error);
