using System.CommandLine;
using LlmEval.Cli;

var root = new RootCommand("llmeval: evaluate LLM applications on golden datasets, gate the build, write HTML reports.");
root.Subcommands.Add(Commands.Run());
root.Subcommands.Add(Commands.Validate());
root.Subcommands.Add(BenchCommands.Bench());
var parsed = root.Parse(args);

// A typo on the command line is bad input (2), never to be mistaken for a failed gate (1).
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"llmeval: {error.Message}");
    }

    Console.Error.WriteLine("llmeval: see 'llmeval --help'");
    return ExitCodes.BadInput;
}

return await parsed.InvokeAsync();
