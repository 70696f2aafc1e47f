using LlmEval.Datasets;
using LlmEval.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluators.Tests;

/// <summary>Builders for golden cases and evaluator calls.</summary>
internal static class TestCases
{
    public static GoldenCase Case(
        string question = "What is the warranty?",
        string[]? context = null,
        string? reference = null,
        ExpectedBehavior behavior = ExpectedBehavior.Answer,
        string[]? mustNotContain = null,
        Dictionary<string, string>? metadata = null) => new()
        {
            Id = "t-1",
            Dataset = "tests",
            Question = question,
            Context = context ?? [],
            Reference = reference,
            ExpectedBehavior = behavior,
            MustNotContain = mustNotContain ?? [],
            Metadata = metadata ?? [],
        };

    public static async Task<NumericMetric> EvaluateAsync(IEvaluator evaluator, string metricName, GoldenCase goldenCase, string response)
    {
        var result = await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, goldenCase.Question)],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, response)),
            additionalContext: [new GoldenCaseContext(goldenCase)],
            cancellationToken: TestContext.Current.CancellationToken);
        return Assert.IsType<NumericMetric>(result.Metrics[metricName]);
    }
}

/// <summary>One embedding model for the whole assembly: it takes a moment to load and about 760 MB.</summary>
public sealed class ServicesFixture
{
    public EvaluatorServices Services { get; } = new();
}
