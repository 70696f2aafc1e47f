using System.CommandLine;
using LlmEval.Cli;

var root = new RootCommand("llmeval: evaluate LLM applications on golden datasets, gate the build, write HTML reports.");
root.Subcommands.Add(Commands.Run());
root.Subcommands.Add(Commands.Validate());
root.Subcommands.Add(BenchCommands.Bench());
return await root.Parse(args).InvokeAsync();
