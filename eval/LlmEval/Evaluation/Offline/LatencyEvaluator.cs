using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation.Offline;

/// <summary>Latency of the target call in milliseconds, as measured by the runner (cache hits measure the lookup).</summary>
public sealed class LatencyEvaluator : IEvaluator
{
    public const string MetricName = "latency";

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

        metric.Value = call.Latency.TotalMilliseconds;
        metric.Reason = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{call.Latency.TotalMilliseconds:0.###} ms");
        return ValueTask.FromResult(new EvaluationResult(metric));
    }
}
