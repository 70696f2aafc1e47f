using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// Correctness rated 1-5 by an LLM judge with the <c>correctness</c> rubric: the response against the case's
/// reference answer. No reference is not applicable; an empty response scores 1 ("empty response"); neither
/// costs a judge call.
/// </summary>
public sealed class JudgeCorrectnessEvaluator(JudgeOptions? options = null)
    : JudgeEvaluator(MetricName, "correctness", options)
{
    public const string MetricName = "judge_correctness";

    protected override IReadOnlyDictionary<string, object?>? Prepare(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        IReadOnlyList<EvaluationContext> contexts,
        NumericMetric metric)
    {
        var goldenCase = contexts.Find<GoldenCaseContext>();
        var reference = goldenCase?.Case.Reference;
        if (string.IsNullOrWhiteSpace(reference))
        {
            MetricMarks.NotApplicable(metric, "no reference answer");
            return null;
        }

        if (string.IsNullOrWhiteSpace(modelResponse.Text))
        {
            metric.Value = MinimumScore;
            metric.Reason = "empty response";
            return null;
        }

        return new Dictionary<string, object?>
        {
            ["question"] = Question(messages, goldenCase),
            ["response"] = modelResponse.Text,
            ["reference"] = reference,
        };
    }
}
