using System.Globalization;
using LlmEval.Evaluation.Cost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.ML.Tokenizers;

namespace LlmEval.Evaluation.Offline;

/// <summary>
/// Cost in US dollars of the target call: the provider's usage when reported, otherwise an o200k tokenizer
/// estimate (flagged as estimated), times the target's price card.
/// </summary>
public sealed class CostEvaluator(Tokenizer tokenizer) : IEvaluator
{
    public const string MetricName = "cost";

    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var metric = new NumericMetric(MetricName);
        var call = additionalContext.Find<CallContext>();
        if (call is null)
        {
            return ValueTask.FromResult(new EvaluationResult(MetricMarks.NotApplicable(metric, "no call information")));
        }

        var usage = call.Usage ?? Estimate(messages, modelResponse);
        metric.Value = CostCalculator.CostUsd(usage, call.Price);
        metric.Reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{usage.InputTokens} input ({usage.CachedInputTokens} cached) + {usage.OutputTokens} output tokens{(usage.Estimated ? " (estimated with the o200k tokenizer)" : "")} = ${metric.Value:0.######}");
        metric.AddOrUpdateMetadata("input_tokens", usage.InputTokens.ToString(CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata("output_tokens", usage.OutputTokens.ToString(CultureInfo.InvariantCulture));
        metric.AddOrUpdateMetadata("estimated", usage.Estimated ? "true" : "false");
        return ValueTask.FromResult(new EvaluationResult(metric));
    }

    public TokenUsage Estimate(IEnumerable<ChatMessage> messages, ChatResponse response) => new()
    {
        InputTokens = messages.Sum(m => tokenizer.CountTokens(m.Text ?? "")),
        OutputTokens = tokenizer.CountTokens(response.Text ?? ""),
        Estimated = true,
    };
}
