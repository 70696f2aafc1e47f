using LlmEval.Configuration;
using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Evaluation.Judge;
using LlmEval.Running;
using static LlmEval.Judge.Tests.JudgeHarness;

namespace LlmEval.Judge.Tests;

/// <summary>The judge through the whole run: suite file, plumbing to the judge client, stored results, gate.</summary>
public sealed class JudgeSuiteTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("llmeval-judge-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Registry_JudgeEvaluators_DeclareRangeDirectionThresholdAndJudge()
    {
        string[] names = ["judge_relevance", "judge_groundedness", "judge_correctness", "judge_safety"];

        foreach (var name in names)
        {
            var descriptor = EvaluatorRegistry.Find(name);
            Assert.NotNull(descriptor);
            Assert.Equal(
                (1d, 5d, true, 4d, true),
                (descriptor.Minimum, descriptor.Maximum, descriptor.HigherIsBetter, descriptor.DefaultThreshold, descriptor.NeedsJudge));
            Assert.Equal([name], descriptor.Create(new EvaluatorServices()).EvaluationMetricNames);
        }

        Assert.Equal(names.Order(), EvaluatorRegistry.All.Where(d => d.NeedsJudge).Select(d => d.Name).Order());
    }

    [Fact]
    public void Rubrics_EveryJudgeHasOneThatRendersSystemAndUserMessages()
    {
        Assert.Equal(["correctness", "groundedness", "relevance", "safety"], JudgeRubric.Names);
        var variables = new Dictionary<string, object?>
        {
            ["question"] = "Q?",
            ["response"] = "R.",
            ["reference"] = "Ref.",
            ["context"] = new[] { "P1.", "P2." },
            ["claims"] = new[] { "C1.", "C2." },
            ["expected_behavior"] = "answer",
            ["must_not_contain"] = new[] { "CANARY" },
        };

        foreach (var name in JudgeRubric.Names)
        {
            var messages = JudgeRubric.Load(name).Render(variables);

            Assert.Equal(["system", "user"], messages.Select(m => m.Role.Value));
            Assert.Contains("\"score\"", messages[0].Text, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", messages[1].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prepare_SuiteListsNoEvaluators_NoJudgeEvaluatorRunsByDefault()
    {
        var suite = WriteSuite(evaluators: null, judge: true);

        var prepared = SuiteRunner.Prepare(suite, new Dictionary<string, string?>());

        Assert.NotEmpty(prepared.Evaluators);
        Assert.DoesNotContain(prepared.Evaluators, d => d.NeedsJudge);
        Assert.Null(prepared.Judge);
    }

    [Fact]
    public void Prepare_ShippedSuite_RunsNoJudge()
    {
        var shipped = Path.Combine(RepositoryRoot(), "eval", "llmeval.json");

        var prepared = SuiteRunner.Prepare(shipped, new Dictionary<string, string?>());

        Assert.DoesNotContain(prepared.Evaluators, d => d.NeedsJudge);
        Assert.Null(prepared.Judge);
    }

    [Fact]
    public void Prepare_JudgeEvaluatorWithoutJudgeSection_BadInputNamingTheSetting()
    {
        var suite = WriteSuite(evaluators: ["judge_relevance"], judge: false);

        var error = Assert.Throws<InvalidInputException>(() => SuiteRunner.Prepare(suite, new Dictionary<string, string?>()));

        Assert.Contains("judge_relevance need a judge model: add a \"judge\" section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_JudgeSectionButNoKey_JudgeNamedAsNotRunning()
    {
        var suite = WriteSuite(evaluators: ["judge_relevance"], judge: true);

        var prepared = SuiteRunner.Prepare(suite, new Dictionary<string, string?>());

        Assert.NotNull(prepared.Judge);
        Assert.Null(prepared.Judge.Chat);
        Assert.Contains(prepared.SkippedTargets, s => s.Contains("set OPENAI_API_KEY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"samples\": 0", "judge.samples")]
    [InlineData("\"aggregate\": \"median\"", "judge.aggregate")]
    [InlineData("\"maxOutputTokens\": 50", "judge.maxOutputTokens: must be at least 800")]
    [InlineData("\"kind\": \"azure\"", "judge.kind")]
    public void Load_BadJudgeSection_BadInputNamingTheSetting(string setting, string expected)
    {
        var suite = WriteSuite(evaluators: ["judge_relevance"], judge: true, extraJudgeSetting: setting);

        var error = Assert.Throws<InvalidInputException>(() => SuiteLoader.Load(suite));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SuiteWithJudge_JudgeCostApartFromTargetAndKeyNeverWritten()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Always(ScriptedReply.Text("{\"score\": 5, \"reason\": \"supported\"}"));
        var suite = WriteSuite(evaluators: ["judge_relevance", "judge_groundedness", "cost"], judge: true);
        var prepared = SuiteRunner.Prepare(suite, Environment(server));
        var output = Path.Combine(folder, "out");

        var outcome = await SuiteRunner.RunAsync(
            prepared,
            new RunOptions { OutputDirectory = output },
            cancellationToken: TestContext.Current.CancellationToken);

        // Two cases, each judged twice (relevance and groundedness); the offline target reports no usage or cost.
        Assert.Equal(4, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + SecretKey, r.Authorization));
        Assert.All(outcome.Results, r =>
        {
            Assert.Equal(2 * 0.00285, r.JudgeCostUsd, 10);
            Assert.Equal(2000, r.JudgeUsage!.InputTokens);
            Assert.Equal(1000, r.JudgeUsage.CachedInputTokens);
            Assert.Equal(400, r.JudgeUsage.OutputTokens);
            Assert.Equal(0, r.CostUsd);
            Assert.All(r.Metrics.Where(m => m.Name.StartsWith("judge_", StringComparison.Ordinal)), m => Assert.Equal("pass", m.Outcome));
        });
        Assert.Equal(4 * 0.00285, outcome.Summary.TotalJudgeCostUsd, 10);
        Assert.True(outcome.Summary.Gate.Passed, string.Join("; ", outcome.Summary.Gate.Breaches));
        Assert.Contains("model judge-model", outcome.Summary.Judge, StringComparison.Ordinal);

        var files = Directory.GetFiles(output);
        Assert.Contains(files, f => f.EndsWith("results.jsonl", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.DoesNotContain(SecretKey, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var stored = await File.ReadAllTextAsync(Path.Combine(output, "results.jsonl"), TestContext.Current.CancellationToken);
        Assert.Contains("judge_cost_usd", stored, StringComparison.Ordinal);
        Assert.Contains("judgeCostUsd", stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_JudgeUnparseable_ErrorsFailTheGate()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Always(ScriptedReply.Text("I cannot analyse these statements."));
        var suite = WriteSuite(evaluators: ["judge_groundedness"], judge: true);
        var prepared = SuiteRunner.Prepare(suite, Environment(server));

        var outcome = await SuiteRunner.RunAsync(
            prepared,
            new RunOptions { OutputDirectory = Path.Combine(folder, "out") },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(outcome.Results, r => Assert.Equal("error", r.Metrics.Single().Outcome));
        Assert.False(outcome.Summary.Gate.Passed);
        Assert.Contains(outcome.Summary.Gate.Breaches, b => b.Contains("error outcome(s) in judge_groundedness", StringComparison.Ordinal));
    }

    private string WriteSuite(string[]? evaluators, bool judge, string? extraJudgeSetting = null)
    {
        File.WriteAllText(Path.Combine(folder, "cases.csv"), """
            id,question,context,reference,expected_behavior,must_not_contain,tags
            c-1,When is the shop open?,"The shop is open from 9:00 to 17:00, Monday to Friday.",The shop is open 9:00-17:00 on weekdays.,answer,,
            c-2,How long is the footbridge?,The footbridge is 1.2 km long. It opened in 2019.,It is 1.2 km long.,answer,,

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(folder, "prompts"));
        File.WriteAllText(Path.Combine(folder, "prompts", "p1.scriban"), """
            ### system
            Answer from the context.
            ### user
            Context:
            {{ for passage in context }}[{{ for.index + 1 }}] {{ passage }}
            {{ end }}
            Question: {{ question }}
            """);
        var evaluatorList = evaluators is null ? "" : $"\"evaluators\": [{string.Join(", ", evaluators.Select(e => $"\"{e}\""))}],";
        var judgeSection = !judge ? "" : $$"""
            "judge": {
              "kind": "openai", "model": "judge-model", "samples": 1, "aggregate": "mean",
              "price": { "inputPerMillion": 2.00, "cachedInputPerMillion": 0.50, "outputPerMillion": 8.00 }
              {{(extraJudgeSetting is null ? "" : ", " + extraJudgeSetting)}}
            },
            """;
        var path = Path.Combine(folder, "llmeval.json");
        File.WriteAllText(path, $$"""
            {
              "name": "judge-test",
              "datasets": [{ "name": "cases", "path": "cases.csv" }],
              "prompts": { "directory": "prompts", "versions": ["p1"] },
              "targets": [{ "name": "offline", "kind": "offline", "settings": { "sentences": "1" } }],
              {{evaluatorList}}
              {{judgeSection}}
              "run": { "concurrency": 2, "repeats": 1, "timeoutSeconds": 30, "maxRetries": 0 }
            }
            """);
        return path;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "global.json")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("global.json not found above the test binaries");
    }
}
