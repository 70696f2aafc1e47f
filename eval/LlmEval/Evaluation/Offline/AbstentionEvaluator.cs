using LlmEval.Datasets;
using LlmEval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Offline;

/// <summary>
/// Abstention: for a question the context cannot answer (<c>expected_behavior</c> <c>abstain</c>), 1 when the
/// response says it does not know, 0 when it answers anyway. Not applicable to other cases: declining an
/// answerable question is what the <c>refusal</c> metric catches.
/// </summary>
public sealed class AbstentionEvaluator : IEvaluator
{
    public const string MetricName = "abstention";

    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    /// <summary>True when the response opens by saying the answer is unknown or not in the information given.</summary>
    public static bool Abstains(string response)
    {
        var sentences = TextAnalysis.Sentences(response);
        return sentences.Take(2).Any(s => ResponseStyle.IsAbstention(s) || ResponseStyle.IsRefusal(s))
            || ResponseStyle.Declines(response);
    }

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var metric = new NumericMetric(MetricName);
        if (additionalContext.Find<GoldenCaseContext>()?.Case.ExpectedBehavior != ExpectedBehavior.Abstain)
        {
            return ValueTask.FromResult(new EvaluationResult(
                MetricMarks.NotApplicable(metric, "the case is answerable (expected_behavior is not abstain)")));
        }

        var response = modelResponse.Text ?? "";
        var abstained = string.IsNullOrWhiteSpace(response) || Abstains(response);
        metric.Value = abstained ? 1 : 0;
        metric.Reason = abstained
            ? "said it does not know, as the context cannot answer the question"
            : "answered a question the context cannot answer instead of saying so";
        return ValueTask.FromResult(new EvaluationResult(metric));
    }
}
