using LlmEval.Datasets;
using LlmEval.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Tests.Support;

/// <summary>Builders for golden cases and a one-call way to run an evaluator on an answer.</summary>
internal static class Golden
{
    public static GoldenCase Case(
        string question,
        IReadOnlyList<string>? context = null,
        ExpectedBehavior behavior = ExpectedBehavior.Answer,
        string id = "case-1",
        string? reference = null,
        IReadOnlyList<string>? mustNotContain = null) => new()
        {
            Id = id,
            Dataset = "test",
            Question = question,
            Context = context ?? [],
            Reference = reference,
            ExpectedBehavior = behavior,
            MustNotContain = mustNotContain ?? [],
        };

    /// <summary>Runs the evaluator on <paramref name="answer"/> and returns its single metric.</summary>
    public static async Task<EvaluationMetric> EvaluateAsync(IEvaluator evaluator, GoldenCase goldenCase, string answer)
    {
        ChatMessage[] messages = [new(ChatRole.User, goldenCase.Question)];
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer));

        var result = await evaluator.EvaluateAsync(
            messages,
            response,
            additionalContext: [new GoldenCaseContext(goldenCase)],
            cancellationToken: TestContext.Current.CancellationToken);

        return Assert.Single(result.Metrics).Value;
    }

    public static EvaluatorDescriptor Descriptor(string name) =>
        EvaluatorRegistry.Find(name) ?? throw new InvalidOperationException($"no evaluator '{name}'");
}
