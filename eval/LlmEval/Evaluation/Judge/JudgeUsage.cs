using System.Globalization;
using LlmEval.Evaluation.Cost;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Judge;

/// <summary>
/// Metadata keys under which a judge metric records what judging it cost, kept apart from the target's usage.
/// <see cref="Running.CaseRunner"/> sums them into <see cref="Storage.CaseResult.JudgeUsage"/> and
/// <see cref="Storage.CaseResult.JudgeCostUsd"/>.
/// </summary>
public static class JudgeUsage
{
    public const string InputTokens = "judge_input_tokens";
    public const string CachedInputTokens = "judge_cached_input_tokens";
    public const string OutputTokens = "judge_output_tokens";
    public const string ReasoningTokens = "judge_reasoning_tokens";
    public const string LatencyMs = "judge_latency_ms";
    public const string CostUsd = "judge_cost_usd";
    public const string Calls = "judge_calls";

    /// <summary>Writes the judge's usage, latency and cost into the metric's metadata.</summary>
    public static void Record(EvaluationMetric metric, TokenUsage usage, TimeSpan latency, double costUsd, int calls)
    {
        metric.AddOrUpdateMetadata(InputTokens, usage.InputTokens.ToString(CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata(CachedInputTokens, usage.CachedInputTokens.ToString(CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata(OutputTokens, usage.OutputTokens.ToString(CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata(ReasoningTokens, usage.ReasoningTokens.ToString(CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata(LatencyMs, latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata(CostUsd, costUsd.ToString("0.##########", CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata(Calls, calls.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads back what <see cref="Record"/> wrote; null when the metric made no judge call.</summary>
    public static (TokenUsage Usage, double LatencyMs, double CostUsd)? Read(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || !metadata.ContainsKey(Calls))
        {
            return null;
        }

        var usage = new TokenUsage
        {
            InputTokens = (long)Number(metadata, InputTokens),
            CachedInputTokens = (long)Number(metadata, CachedInputTokens),
            OutputTokens = (long)Number(metadata, OutputTokens),
            ReasoningTokens = (long)Number(metadata, ReasoningTokens),
        };
        return (usage, Number(metadata, LatencyMs), Number(metadata, CostUsd));
    }

    private static double Number(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;
}
