using LlmEval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// Groundedness rated 1-5 by an LLM judge with the <c>groundedness</c> rubric: the response's claims (sentences
/// that neither abstain, refuse nor only fill) checked against the case's context passages. No context, or no
/// claims, is not applicable and costs no judge call (C01, C04); a reply without a verdict is an error (C02).
/// </summary>
public sealed class JudgeGroundednessEvaluator(JudgeOptions? options = null)
    : JudgeEvaluator(MetricName, "groundedness", options)
{
    public const string MetricName = "judge_groundedness";

    protected override IReadOnlyDictionary<string, object?>? Prepare(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        IReadOnlyList<EvaluationContext> contexts,
        NumericMetric metric)
    {
        var goldenCase = contexts.Find<GoldenCaseContext>();
        var passages = goldenCase?.Case.Context.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray() ?? [];
        if (passages.Length == 0)
        {
            MetricMarks.NotApplicable(metric, "no context");
            return null;
        }

        var claims = Claims(modelResponse.Text ?? "");
        if (claims.Count == 0)
        {
            MetricMarks.NotApplicable(metric, "no claims to check (the response is empty, declines or states nothing checkable)");
            return null;
        }

        return new Dictionary<string, object?>
        {
            ["question"] = Question(messages, goldenCase),
            ["context"] = passages,
            ["claims"] = claims.ToArray(),
        };
    }

    /// <summary>The response's sentences that make a checkable claim.</summary>
    public static IReadOnlyList<string> Claims(string response) =>
        TextAnalysis.Sentences(response)
            .Where(s => !ResponseStyle.IsAbstention(s) && !ResponseStyle.IsRefusal(s) && !ResponseStyle.IsFiller(s))
            .ToList();
}
