using System.CommandLine;
using System.Text.Json;
using LlmEval.Benchmarks;
using LlmEval.Evaluation.Embeddings;

namespace LlmEval.Cli;

/// <summary><c>llmeval bench</c>: how closely the offline evaluators agree with labelled public data.</summary>
public static class BenchCommands
{
    private const string DefaultData = "../shared/data";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Bench()
    {
        var command = new Command("bench", "Measure the evaluators against human-labelled public data sets.");
        command.Subcommands.Add(Accuracy());
        command.Subcommands.Add(Learn());
        return command;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = $"Folder of labelled public data (default: {DefaultData}, relative to the current directory).",
        DefaultValueFactory = _ => DefaultData,
    };

    private static Command Accuracy()
    {
        var data = DataOption();
        var json = new Option<string?>("--json") { Description = "Also write every figure to this JSON file." };
        var split = new Option<string>("--split")
        {
            Description = "test (default) for reported figures; dev only while tuning an evaluator.",
            DefaultValueFactory = _ => "test",
        };
        split.AcceptOnlyFromAmong("test", "dev");
        var command = new Command("accuracy", "Score each evaluator on the test files and print our figure beside a baseline and the published one.")
        {
            data, json, split,
        };
        command.SetAction((parse, cancellationToken) => Commands.Guard(async () =>
        {
            var options = new BenchmarkOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Split = parse.GetValue(split)!,
                Progress = message => Console.Error.WriteLine("llmeval: " + message),
            };
            if (!Directory.Exists(options.DataDirectory))
            {
                throw new BenchmarkDataMissingException(AccuracyBenchmark.MissingDataMessage(options.DataDirectory));
            }

            var embedder = new CachedEmbedder(new MiniLmEmbeddingGenerator(), batchSize: 64);
            var report = await AccuracyBenchmark.RunAsync(options, embedder, cancellationToken);
            Console.WriteLine(AccuracyBenchmark.RenderTable(report));
            if (parse.GetValue(json) is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOptions), cancellationToken);
                Console.Error.WriteLine($"llmeval: figures written to {path}");
            }

            return ExitCodes.GatePassed;
        }));
        return command;
    }

    private static Command Learn()
    {
        var data = DataOption();
        var output = new Option<string>("--out")
        {
            Description = "Folder for the learned lexicons (default: eval/LlmEval/Text/Lexicons).",
            DefaultValueFactory = _ => "eval/LlmEval/Text/Lexicons",
        };
        var datasets = new Option<string>("--datasets")
        {
            Description = "The repository's datasets folder, whose support and safety texts are benign negatives (default: datasets).",
            DefaultValueFactory = _ => "datasets",
        };
        var command = new Command("learn", "Rebuild the toxicity and injection lexicons from the dev splits only.") { data, output, datasets };
        command.SetAction((parse, _) => Commands.Guard(() =>
        {
            foreach (var line in LexiconTraining.Run(parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(datasets)!))
            {
                Console.WriteLine(line);
            }

            return Task.FromResult(ExitCodes.GatePassed);
        }));
        return command;
    }
}
