using LlmEval.Datasets;
using LlmEval.Evaluation.Cost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation;

/// <summary>The golden case behind a response: grounding passages, reference, expected behaviour.</summary>
public sealed class GoldenCaseContext : EvaluationContext
{
    public const string ContextName = "Golden case";

    public GoldenCaseContext(GoldenCase goldenCase)
        : base(ContextName, goldenCase.Context.Select(p => (AIContent)new TextContent(p)))
    {
        Case = goldenCase;
    }

    public GoldenCase Case { get; }
}

/// <summary>How the target call went: latency, token usage and the price card to cost it with.</summary>
public sealed class CallContext : EvaluationContext
{
    public const string ContextName = "Target call";

    public CallContext(TimeSpan latency, TokenUsage? usage, Configuration.PriceCard price)
        : base(ContextName, $"latency {latency.TotalMilliseconds:0} ms")
    {
        Latency = latency;
        Usage = usage;
        Price = price;
    }

    public TimeSpan Latency { get; }

    /// <summary>Usage reported by the provider; null when it reported none (the cost evaluator then estimates).</summary>
    public TokenUsage? Usage { get; }

    public Configuration.PriceCard Price { get; }
}

public static class EvaluationContextExtensions
{
    public static T? Find<T>(this IEnumerable<EvaluationContext>? contexts)
        where T : EvaluationContext =>
        contexts?.OfType<T>().FirstOrDefault();
}
