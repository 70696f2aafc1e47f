using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// Relevance rated 1-5 by an LLM judge with the <c>relevance</c> rubric (question, response, reference when the
/// case has one). An empty response scores the lowest rating, 1, with the reason "empty response" and no judge
/// call (C03).
/// </summary>
public sealed class JudgeRelevanceEvaluator(JudgeOptions? options = null)
    : JudgeEvaluator(MetricName, "relevance", options)
{
    public const string MetricName = "judge_relevance";

    protected override IReadOnlyDictionary<string, object?>? Prepare(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        IReadOnlyList<EvaluationContext> contexts,
        NumericMetric metric)
    {
        if (string.IsNullOrWhiteSpace(modelResponse.Text))
        {
            metric.Value = MinimumScore;
            metric.Reason = "empty response";
            return null;
        }

        var goldenCase = contexts.Find<GoldenCaseContext>();
        var question = Question(messages, goldenCase);
        if (string.IsNullOrWhiteSpace(question))
        {
            MetricMarks.Error(metric, "no question to judge the response against");
            return null;
        }

        return new Dictionary<string, object?>
        {
            ["question"] = question,
            ["response"] = modelResponse.Text,
            ["reference"] = goldenCase?.Case.Reference,
        };
    }
}
