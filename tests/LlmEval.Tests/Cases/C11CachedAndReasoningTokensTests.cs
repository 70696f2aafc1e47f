using LlmEval.Configuration;
using LlmEval.Evaluation.Cost;
using Microsoft.Extensions.AI;

namespace LlmEval.Tests.Cases;

/// <summary>C11: cached input at its own rate, reasoning tokens inside the output count, no double charge.</summary>
public sealed class C11CachedAndReasoningTokensTests
{
    private static readonly PriceCard Price = new() { InputPerMillion = 2.00, CachedInputPerMillion = 0.50, OutputPerMillion = 8.00 };

    [Fact]
    public void C11_OpenAiStyleUsage_CostAndTotalTokens()
    {
        var usage = new TokenUsage { InputTokens = 1000, CachedInputTokens = 500, OutputTokens = 200, ReasoningTokens = 50 };

        Assert.Equal(0.00285, CostCalculator.CostUsd(usage, Price), 12);
        Assert.Equal(1200, usage.TotalTokens);
        Assert.Equal(500, usage.UncachedInputTokens);
    }

    [Fact]
    public void C11_AnthropicStyleUsage_SameCostAndTotal()
    {
        // Anthropic reports the 500 cache reads beside the 500 uncached input tokens.
        var usage = new TokenUsage
        {
            InputTokens = 500,
            CachedInputTokens = 500,
            OutputTokens = 200,
            ReasoningTokens = 50,
            CacheAccounting = CacheAccounting.SeparateFromInput,
        };

        Assert.Equal(0.00285, CostCalculator.CostUsd(usage, Price), 12);
        Assert.Equal(1200, usage.TotalTokens);
    }

    [Fact]
    public void C11_NoCache_BothAccountingRulesGiveSameCost()
    {
        var openAi = new TokenUsage { InputTokens = 1000, OutputTokens = 200 };
        var anthropic = new TokenUsage { InputTokens = 1000, OutputTokens = 200, CacheAccounting = CacheAccounting.SeparateFromInput };

        Assert.Equal(0.0036, CostCalculator.CostUsd(openAi, Price), 12);
        Assert.Equal(CostCalculator.CostUsd(openAi, Price), CostCalculator.CostUsd(anthropic, Price), 12);
        Assert.Equal(openAi.TotalTokens, anthropic.TotalTokens);
    }

    [Fact]
    public void C11_UsageDetails_CachedAndReasoningCarriedOver()
    {
        var usage = TokenUsage.FromUsageDetails(new UsageDetails
        {
            InputTokenCount = 1000,
            CachedInputTokenCount = 500,
            OutputTokenCount = 200,
            ReasoningTokenCount = 50,
        });

        Assert.NotNull(usage);
        Assert.Equal(CacheAccounting.IncludedInInput, usage.CacheAccounting);
        Assert.Equal(0.00285, CostCalculator.CostUsd(usage, Price), 12);
    }

    [Fact]
    public void CostUsd_CardWithoutCachedRate_CachedTokensAtInputRate()
    {
        var usage = new TokenUsage { InputTokens = 1000, CachedInputTokens = 500, OutputTokens = 0 };
        var card = new PriceCard { InputPerMillion = 2.00, OutputPerMillion = 8.00 };

        Assert.Equal(0.002, CostCalculator.CostUsd(usage, card), 12);
    }
}
