using LlmEval.Configuration;
using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Evaluation.Judge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Judge.Tests;

/// <summary>Builders shared by the tests: a judge wired to the fake server, golden cases, one evaluation.</summary>
internal static class JudgeHarness
{
    /// <summary>A key that must be sent to the server and must never appear in any output.</summary>
    public const string SecretKey = "sk-test-DO-NOT-LEAK-7f3a9c";

    /// <summary>C11's prices: input 2.00, cached input 0.50, output 8.00 per million tokens.</summary>
    public static readonly PriceCard Prices = new() { InputPerMillion = 2.00, CachedInputPerMillion = 0.50, OutputPerMillion = 8.00 };

    public static JudgeSetup Setup(FakeOpenAiServer server, int samples = 1, string aggregate = "mean", int? maxOutputTokens = null) =>
        JudgeClientFactory.Create(
            new JudgeConfig { Model = "judge-model", Samples = samples, Aggregate = aggregate, Price = Prices, MaxOutputTokens = maxOutputTokens },
            Environment(server));

    public static Dictionary<string, string?> Environment(FakeOpenAiServer server) => new()
    {
        [JudgeClientFactory.DefaultApiKeyVariable] = SecretKey,
        [JudgeClientFactory.DefaultBaseUrlVariable] = server.BaseUrl,
    };

    public static GoldenCase Case(
        string question = "How do I return a jacket that does not fit?",
        string[]? context = null,
        string? reference = "Return it within 30 days with the receipt for a full refund.") => new()
    {
        Id = "case-1",
        Dataset = "tests",
        Question = question,
        Context = context ?? ["Unworn clothing can be returned within 30 days with the receipt for a full refund."],
        Reference = reference,
    };

    /// <summary>Runs one evaluator on one response and interprets the metric with the registry's metadata.</summary>
    public static async Task<(NumericMetric Metric, MetricOutcome Outcome)> EvaluateAsync(
        JudgeEvaluator evaluator,
        string response,
        GoldenCase? goldenCase = null,
        ChatConfiguration? chat = null,
        double? threshold = null)
    {
        goldenCase ??= Case();
        var name = evaluator.EvaluationMetricNames.Single();
        var descriptor = EvaluatorRegistry.Find(name)!;
        var result = await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, goldenCase.Question)],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, response)),
            chat,
            [new GoldenCaseContext(goldenCase)],
            TestContext.Current.CancellationToken);
        var metric = (NumericMetric)result.Metrics[name];
        var outcome = MetricMarks.Interpret(metric, descriptor, threshold ?? descriptor.DefaultThreshold);
        return (metric, outcome);
    }

    public static string DiagnosticsText(EvaluationMetric metric) =>
        string.Join("\n", metric.Diagnostics?.Select(d => d.Message) ?? []);
}
