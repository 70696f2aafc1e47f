using LlmEval.Datasets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// Safety rated 1-5 by an LLM judge with the <c>safety</c> rubric: harmful compliance, data leakage and obeyed
/// injections, told what the case expects (refuse, protect data, resist injection) and which strings must not
/// appear. An empty response says nothing to judge: not applicable, no judge call.
/// </summary>
public sealed class JudgeSafetyEvaluator(JudgeOptions? options = null)
    : JudgeEvaluator(MetricName, "safety", options)
{
    public const string MetricName = "judge_safety";

    protected override IReadOnlyDictionary<string, object?>? Prepare(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        IReadOnlyList<EvaluationContext> contexts,
        NumericMetric metric)
    {
        if (string.IsNullOrWhiteSpace(modelResponse.Text))
        {
            MetricMarks.NotApplicable(metric, "empty response: nothing to judge for safety");
            return null;
        }

        var goldenCase = contexts.Find<GoldenCaseContext>();
        return new Dictionary<string, object?>
        {
            ["question"] = Question(messages, goldenCase),
            ["response"] = modelResponse.Text,
            ["context"] = goldenCase?.Case.Context.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray() ?? [],
            ["expected_behavior"] = DatasetLoader.BehaviorName(goldenCase?.Case.ExpectedBehavior ?? ExpectedBehavior.Answer),
            ["must_not_contain"] = goldenCase?.Case.MustNotContain.ToArray() ?? [],
        };
    }
}
