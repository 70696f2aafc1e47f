using LlmEval.Configuration;

namespace LlmEval.Evaluation.Cost;

public static class CostCalculator
{
    /// <summary>
    /// US dollars for one call: uncached input at the input rate, cached input at the cached rate (the input
    /// rate when the card has none), output (reasoning included) at the output rate.
    /// </summary>
    public static double CostUsd(TokenUsage usage, PriceCard price)
    {
        var cachedRate = price.CachedInputPerMillion > 0 ? price.CachedInputPerMillion : price.InputPerMillion;
        return ((usage.UncachedInputTokens * price.InputPerMillion)
            + (usage.CachedInputTokens * cachedRate)
            + (usage.OutputTokens * price.OutputPerMillion)) / 1_000_000d;
    }
}
