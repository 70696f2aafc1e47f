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

/// <summary>C11 through the whole pipeline: usage recorded in logs, replayed and costed, in both providers' styles.</summary>
public sealed class C11ReplayedUsageTests : IDisposable
{
    private readonly LlmEval.Tests.Support.TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task C11_ReplayedOpenAiAndAnthropicUsage_BothCost000285With1200Tokens()
    {
        directory.WriteText(
            "recorded.csv",
            "id,response,input_tokens,cached_input_tokens,cache_read_tokens,output_tokens,reasoning_tokens\n"
            + "t-001,The K-100 kettle is covered by a 2-year limited warranty.,1000,500,,200,50\n"
            + "t-003,The flagship store opens at 10 am on Saturday.,500,,500,200,50\n");
        var suite = LlmEval.Tests.Support.TinySuite.Write(
            directory,
            targetsJson: """
                [{ "name": "logs", "kind": "replay", "settings": { "path": "recorded.csv" },
                   "price": { "inputPerMillion": 2.00, "cachedInputPerMillion": 0.50, "outputPerMillion": 8.00 } }]
                """);
        var prepared = LlmEval.Running.SuiteRunner.Prepare(suite, new Dictionary<string, string?>());

        var outcome = await LlmEval.Running.SuiteRunner.RunAsync(
            prepared,
            new LlmEval.Running.RunOptions { OutputDirectory = directory.PathOf("out") },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, outcome.Results.Count);
        Assert.All(outcome.Results, r =>
        {
            Assert.Equal(0.00285, r.CostUsd, 10);
            Assert.Equal(1200, r.Usage!.TotalTokens);
            Assert.False(r.Usage.Estimated);
        });
    }
}
