using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using LlmEval.Configuration;
using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Evaluation.Judge;
using LlmEval.Gating;
using LlmEval.Planning;
using LlmEval.Prompts;
using LlmEval.Reporting;
using LlmEval.Storage;
using LlmEval.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Running;

/// <summary>Options of one run that come from the command line rather than the suite file.</summary>
public sealed record RunOptions
{
    /// <summary>Output folder; default <c>reports/out/&lt;run-id&gt;</c> under the current folder.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Also copy the outputs to <c>reports/out/latest</c> (only with the default output folder).</summary>
    public bool UpdateLatest { get; init; } = true;

    public int? Concurrency { get; init; }

    /// <summary>Environment variables to read keys and endpoints from; the process environment by default.</summary>
    public IDictionary<string, string?>? Environment { get; init; }

    /// <summary>Called after each case result is written: (done, total).</summary>
    public Action<int, int>? Progress { get; init; }
}

/// <summary>Everything a finished run produced.</summary>
public sealed record RunOutcome(RunSummary Summary, IReadOnlyList<CaseResult> Results, string OutputDirectory);

/// <summary>
/// The main job: load the suite, plan the matrix, run it with bounded concurrency, score every response,
/// stream results to disk, aggregate, gate and render the report.
/// </summary>
public sealed class SuiteRunner
{
    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson =
        new(ResultsWriter.JsonOptions)
        {
            WriteIndented = true,

            // The summary keeps every field, null included, so readers need not guess what an absent one means.
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        };

    /// <summary>Loads and checks everything a run needs without calling any target (<c>llmeval validate</c>).</summary>
    public static PreparedSuite Prepare(string suitePath, IDictionary<string, string?>? environment = null)
    {
        var suite = SuiteLoader.Load(suitePath);
        var problems = new List<DatasetProblem>();
        var cases = new List<GoldenCase>();
        var datasets = new List<DatasetInfo>();
        foreach (var dataset in suite.Datasets)
        {
            var options = new DatasetOptions
            {
                Name = dataset.Name,
                Path = suite.Resolve(dataset.Path),
                Format = dataset.Format,
                Delimiter = dataset.Delimiter[0],
                Columns = dataset.Columns,
                Limit = dataset.Limit,
            };
            try
            {
                var rows = DatasetLoader.Load(options);
                cases.AddRange(rows);
                datasets.Add(new DatasetInfo
                {
                    Name = dataset.Name,
                    Path = Path.GetRelativePath(Directory.GetCurrentDirectory(), options.Path),
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(options.Path))),
                    Rows = rows.Count,
                });
            }
            catch (InvalidInputException ex) when (ex.Problems.Count > 0)
            {
                // Keep going so that one validate run lists the problems of every file.
                problems.AddRange(ex.Problems);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        var prompts = suite.Prompts.Versions
            .Select(v => PromptVersion.Load(v, suite.Resolve(Path.Combine(suite.Prompts.Directory, v + ".scriban"))))
            .ToList();

        // Render every case once so that a template error surfaces before any call is made.
        foreach (var prompt in prompts)
        {
            foreach (var goldenCase in cases)
            {
                try
                {
                    _ = prompt.Render(goldenCase);
                }
                catch (Scriban.Syntax.ScriptRuntimeException ex)
                {
                    throw new InvalidInputException($"{prompt.Path}: rendering case '{goldenCase.Id}' ({goldenCase.Source}) failed: {ex.Message}", ex);
                }
            }
        }

        var evaluatorNames = suite.Evaluators.Count > 0 ? suite.Evaluators : EvaluatorRegistry.All.Where(d => !d.NeedsJudge).Select(d => d.Name).ToList();
        var descriptors = new List<EvaluatorDescriptor>();
        foreach (var name in evaluatorNames)
        {
            descriptors.Add(EvaluatorRegistry.Find(name) ?? throw new InvalidInputException(
                $"{suite.SourcePath}: evaluators: '{name}' is not a known evaluator (known: {string.Join(", ", EvaluatorRegistry.All.Select(d => d.Name))})"));
        }

        foreach (var threshold in suite.Thresholds.Keys.Where(k => descriptors.All(d => d.Name != k)))
        {
            throw new InvalidInputException($"{suite.SourcePath}: thresholds: '{threshold}' is not one of this suite's evaluators");
        }

        var judged = descriptors.Where(d => d.NeedsJudge).Select(d => d.Name).ToList();
        if (judged.Count > 0 && suite.Judge is null)
        {
            throw new InvalidInputException(
                $"{suite.SourcePath}: evaluators: {string.Join(", ", judged)} need a judge model: add a \"judge\" section (model, price) to the suite file, or remove them");
        }

        environment ??= ReadEnvironment();
        var skipped = new List<string>();
        var targets = TargetFactory.Create(suite, environment, skipped);
        if (targets.Count == 0)
        {
            throw new InvalidInputException($"{suite.SourcePath}: targets: none of the targets can run here ({string.Join("; ", skipped)})");
        }

        // The judge is built only when an evaluator needs it; without a key its metrics are errors saying what to set.
        var judge = judged.Count > 0 ? JudgeClientFactory.Create(suite.Judge!, environment) : null;
        if (judge is { Chat: null })
        {
            skipped.Add($"{judge.Description} ({string.Join(", ", judged)} will be errors)");
        }

        return new PreparedSuite(suite, cases, datasets, prompts, targets, skipped, descriptors) { Judge = judge };
    }

    public static async Task<RunOutcome> RunAsync(
        PreparedSuite prepared,
        RunOptions options,
        EvaluatorServices? services = null,
        CancellationToken cancellationToken = default)
    {
        var suite = prepared.Suite;
        var startedAt = DateTimeOffset.UtcNow;
        var runId = startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var outputDirectory = Path.GetFullPath(options.OutputDirectory ?? Path.Combine("reports", "out", runId));
        Directory.CreateDirectory(outputDirectory);

        services ??= new EvaluatorServices();
        var runner = CreateRunner(prepared, services, runId);
        var calls = prepared.Plan.Calls().ToList();
        await EmbedKnownTextsAsync(runner, prepared.Cases, services, cancellationToken).ConfigureAwait(false);

        var results = new CaseResult?[calls.Count];
        var done = 0;
        var writer = new ResultsWriter(Path.Combine(outputDirectory, "results.jsonl"));
        await using (writer.ConfigureAwait(false))
        {
            await Parallel.ForAsync(
                0,
                calls.Count,
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency ?? suite.Run.Concurrency, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var result = await runner.RunAsync(calls[i], token).ConfigureAwait(false);
                    await writer.WriteAsync(result, token).ConfigureAwait(false);
                    results[i] = result;
                    options.Progress?.Invoke(Interlocked.Increment(ref done), calls.Count);
                }).ConfigureAwait(false);
        }

        var caseResults = results.Select(r => r!).ToList();
        var summary = Summarise(prepared, caseResults, runId, startedAt);
        await WriteOutputsAsync(summary, caseResults, prepared, outputDirectory, cancellationToken).ConfigureAwait(false);
        if (options.OutputDirectory is null && options.UpdateLatest)
        {
            CopyToLatest(outputDirectory);
        }

        return new RunOutcome(summary, caseResults, outputDirectory);
    }

    /// <summary>
    /// Embeds, in large batches sorted by length, every text the evaluators will need that is known before the
    /// targets answer. On the shipped suite (588 case results, 2 cores) the whole run drops from about 7.3 s to 6.3 s.
    /// </summary>
    public static async Task EmbedKnownTextsAsync(
        CaseRunner runner,
        IReadOnlyList<GoldenCase> cases,
        EvaluatorServices services,
        CancellationToken cancellationToken = default)
    {
        var texts = runner.Evaluators
            .OfType<LlmEval.Evaluation.Embeddings.IKnowsTextsToEmbed>()
            .SelectMany(e => cases.SelectMany(e.TextsToEmbedBeforehand))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(t => t.Length)
            .ToList();
        if (texts.Count > 0)
        {
            await services.Embedder.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A case runner with the suite's evaluators, thresholds, timeout and retries.</summary>
    public static CaseRunner CreateRunner(PreparedSuite prepared, EvaluatorServices services, string runId)
    {
        var suite = prepared.Suite;
        if (prepared.Judge is { } judge)
        {
            services = services.WithJudge(judge.Options);
        }

        var evaluators = prepared.Evaluators
            .Select(d => (d, d.Create(services), suite.Thresholds.TryGetValue(d.Name, out var t) ? t : d.DefaultThreshold))
            .ToList();
        return new CaseRunner(
            runId,
            evaluators,
            TimeSpan.FromSeconds(suite.Run.TimeoutSeconds),
            suite.Run.MaxRetries,
            prepared.Judge?.Chat);
    }

    public static RunSummary Summarise(PreparedSuite prepared, IReadOnlyList<CaseResult> results, string runId, DateTimeOffset startedAt)
    {
        var cells = SummaryBuilder.Cells(results);
        var callErrors = results.Count(r => r.Error is not null);
        return new RunSummary
        {
            RunId = runId,
            Suite = prepared.Suite.Name,
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
            GitCommit = GitCommit(),
            CaseResults = results.Count,
            CallErrors = callErrors,
            TotalCostUsd = results.Sum(r => r.CostUsd),
            TotalJudgeCostUsd = results.Sum(r => r.JudgeCostUsd),
            Judge = prepared.Judge?.Description,
            Datasets = [.. prepared.Datasets],
            Targets = prepared.Targets.Select(t => new TargetInfo
            {
                Name = t.Name,
                Kind = t.Kind,
                Model = t.Model,
                Version = t.Version,
                Description = t.Description,
                CasesCovered = prepared.Cases.Count(t.Covers),
                CasesInSuite = prepared.Cases.Count,
            }).ToList(),
            PromptVersions = prepared.Prompts.Select(p => new PromptVersionInfo { Name = p.Name, Hash = p.ContentHash, Path = Path.GetRelativePath(Directory.GetCurrentDirectory(), p.Path) }).ToList(),
            SkippedTargets = [.. prepared.SkippedTargets],
            Cells = cells,
            Calibration = SummaryBuilder.Calibrate(results, prepared.Suite.HumanLabels),
            Gate = Gate.Evaluate(prepared.Suite.Gate, cells, callErrors, results.FirstOrDefault(r => r.Error is not null)?.Error),
        };
    }

    /// <summary>Writes summary.json, index.html, summary.md and junit.xml beside results.jsonl.</summary>
    public static async Task WriteOutputsAsync(
        RunSummary summary,
        IReadOnlyList<CaseResult> results,
        PreparedSuite prepared,
        string outputDirectory,
        CancellationToken cancellationToken)
    {
        var summaryJson = System.Text.Json.JsonSerializer.Serialize(summary, IndentedJson);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "summary.json"), summaryJson, cancellationToken).ConfigureAwait(false);

        var model = ReportModelBuilder.Build(summary, results, prepared.Evaluators, prepared.Suite.Tests);
        var html = HtmlReportRenderer.Render(model);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "index.html"), html, cancellationToken).ConfigureAwait(false);
        var markdown = MarkdownReportRenderer.Render(model);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "summary.md"), markdown, cancellationToken).ConfigureAwait(false);
        var junit = JUnitReportRenderer.Render(model);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "junit.xml"), junit, cancellationToken).ConfigureAwait(false);
    }

    private static void CopyToLatest(string outputDirectory)
    {
        var latest = Path.Combine(Path.GetDirectoryName(outputDirectory)!, "latest");
        if (Directory.Exists(latest))
        {
            Directory.Delete(latest, recursive: true);
        }

        Directory.CreateDirectory(latest);
        foreach (var file in Directory.GetFiles(outputDirectory))
        {
            File.Copy(file, Path.Combine(latest, Path.GetFileName(file)));
        }
    }

    private static Dictionary<string, string?> ReadEnvironment() =>
        System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string);

    private static string? GitCommit()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>A suite with everything loaded and checked, ready to run.</summary>
public sealed record PreparedSuite(
    SuiteConfig Suite,
    IReadOnlyList<GoldenCase> Cases,
    IReadOnlyList<DatasetInfo> Datasets,
    IReadOnlyList<PromptVersion> Prompts,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<string> SkippedTargets,
    IReadOnlyList<EvaluatorDescriptor> Evaluators)
{
    public RunPlan Plan => new() { Cases = Cases, Targets = Targets, Prompts = Prompts, Repeats = Suite.Run.Repeats };

    /// <summary>The judge for the suite's judge evaluators; null when it lists none.</summary>
    public JudgeSetup? Judge { get; init; }
}
