using System.CommandLine;
using System.Globalization;
using LlmEval.Datasets;
using LlmEval.Running;
using LlmEval.Storage;
using LlmEval.Text;

namespace LlmEval.Cli;

/// <summary>The CLI's commands; each returns one of <see cref="ExitCodes"/>.</summary>
public static class Commands
{
    private const string DefaultSuite = "eval/llmeval.json";

    public static Command Run()
    {
        var suite = SuiteOption();
        var output = new Option<string?>("--out") { Description = "Output folder (default: reports/out/<run-id>, copied to reports/out/latest)." };
        var concurrency = new Option<int?>("--concurrency") { Description = "Calls in flight at once (overrides run.concurrency)." };
        var command = new Command("run", "Run the suite's matrix, score every answer, apply the gate and write the report.")
        {
            suite, output, concurrency,
        };
        command.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            var prepared = SuiteRunner.Prepare(parse.GetValue(suite)!);
            var total = prepared.Plan.Count;
            Console.Error.WriteLine($"llmeval: {prepared.Cases.Count} case(s) × {prepared.Targets.Count} target(s) × {prepared.Prompts.Count} prompt version(s) × {prepared.Suite.Run.Repeats} repeat(s) → {total} case results");
            foreach (var skipped in prepared.SkippedTargets)
            {
                Console.Error.WriteLine($"llmeval: not running {skipped}");
            }

            foreach (var target in prepared.Targets)
            {
                var covered = prepared.Cases.Count(target.Covers);
                if (covered < prepared.Cases.Count)
                {
                    Console.Error.WriteLine($"llmeval: {target.Name} has recorded responses for {covered} of {prepared.Cases.Count} cases; it runs only those");
                }
            }

            var lastShown = 0;
            var outcome = await SuiteRunner.RunAsync(
                prepared,
                new RunOptions
                {
                    OutputDirectory = parse.GetValue(output),
                    Concurrency = parse.GetValue(concurrency),
                    Progress = (done, all) =>
                    {
                        var step = Math.Max(1, all / 10);
                        if (done == all || done - Volatile.Read(ref lastShown) >= step)
                        {
                            Volatile.Write(ref lastShown, done);
                            Console.Error.WriteLine($"llmeval: {done}/{all} done");
                        }
                    },
                },
                cancellationToken: cancellationToken);

            Print(outcome);
            return outcome.Summary.Gate.Passed ? ExitCodes.GatePassed : ExitCodes.GateFailed;
        }));
        return command;
    }

    public static Command Validate()
    {
        var suite = SuiteOption();
        var command = new Command("validate", "Check the suite file, datasets and prompt templates without calling any target.") { suite };
        command.SetAction((parse, _) => Guard(() =>
        {
            var prepared = SuiteRunner.Prepare(parse.GetValue(suite)!);
            foreach (var dataset in prepared.Datasets)
            {
                Console.WriteLine($"ok  dataset {dataset.Name}: {dataset.Rows} cases ({dataset.Path})");
            }

            foreach (var prompt in prepared.Prompts)
            {
                Console.WriteLine($"ok  prompt  {prompt.Name} (sha256 {prompt.ContentHash})");
            }

            foreach (var target in prepared.Targets)
            {
                Console.WriteLine($"ok  target  {target.Name}: {target.Description}");
            }

            foreach (var skipped in prepared.SkippedTargets)
            {
                Console.WriteLine($"--  target  {skipped}");
            }

            Console.WriteLine($"valid: {prepared.Suite.SourcePath}");
            return Task.FromResult(ExitCodes.GatePassed);
        }));
        return command;
    }

    private static Option<string> SuiteOption() => new("--suite")
    {
        Description = $"Suite file (default: {DefaultSuite}).",
        DefaultValueFactory = _ => DefaultSuite,
    };

    /// <summary>Maps failures to exit codes: bad input 2, cancelled 130, anything unexpected 3.</summary>
    internal static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (LlmEval.Benchmarks.BenchmarkDataMissingException ex)
        {
            Console.Error.WriteLine("llmeval: " + ex.Message);
            return ExitCodes.BadInput;
        }
        catch (InvalidInputException ex)
        {
            Console.Error.WriteLine("llmeval: invalid input:");
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("llmeval: cancelled (a run keeps the results it finished in results.jsonl)");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"llmeval: crashed: {ex}");
            return ExitCodes.Crash;
        }
    }

    private static void Print(RunOutcome outcome)
    {
        var summary = outcome.Summary;
        var metrics = summary.Cells.Select(c => c.Metric).Distinct().ToList();
        string[] header = ["target", "prompt", .. metrics];
        var rows = new List<string[]> { header };
        foreach (var row in summary.Cells.GroupBy(c => (c.Target, c.PromptVersion)))
        {
            var cells = metrics.Select(m => row.FirstOrDefault(c => c.Metric == m) is { } c ? Describe(c) : "—");
            rows.Add([row.Key.Target, row.Key.PromptVersion, .. cells]);
        }

        // Pad every column to its widest cell so the matrix lines up whatever the names and counts.
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        Console.WriteLine();
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        Console.WriteLine("(each cell: mean, then passing/scored; n/a = not applicable, err = errors)");
        foreach (var calibration in summary.Calibration)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"agreement of {calibration.Metric} with human label '{calibration.LabelColumn}' for {calibration.Target}: {Formats.Percent(calibration.Agreement)} ({calibration.Agree}/{calibration.N}; {calibration.Unscored} not scored{(calibration.Unlabelled > 0 ? $", {calibration.Unlabelled} with another label left out" : "")})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cost: targets ${summary.TotalCostUsd:0.######}{(summary.Judge is null ? "" : $", judge ${summary.TotalJudgeCostUsd:0.######} ({summary.Judge})")}"));
        Console.WriteLine();
        Console.WriteLine(summary.Gate.Passed ? "Quality gate passed." : "Quality gate FAILED:");
        foreach (var breach in summary.Gate.Breaches)
        {
            Console.WriteLine("  - " + breach);
        }

        Console.WriteLine($"Report: {Path.Combine(outcome.OutputDirectory, "index.html")}");
    }

    private static string Describe(MetricCell cell)
    {
        var mean = cell.Mean is not { } m ? "—" : cell.Metric switch
        {
            "cost" => "$" + m.ToString("0.######", CultureInfo.InvariantCulture),
            "latency" => m.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
            _ => m.ToString("0.###", CultureInfo.InvariantCulture),
        };
        var counts = $"{cell.Pass}/{cell.N}"
            + (cell.NotApplicable > 0 ? $", {cell.NotApplicable} n/a" : "")
            + (cell.Errors > 0 ? $", {cell.Errors} err" : "");
        return $"{mean} ({counts})";
    }
}
