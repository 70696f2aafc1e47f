using Microsoft.Extensions.AI;

namespace LlmEval.Evaluation.Cost;

/// <summary>How a provider counts cached input tokens.</summary>
public enum CacheAccounting
{
    /// <summary>OpenAI style: cached tokens are part of the input count.</summary>
    IncludedInInput,

    /// <summary>Anthropic style: cache reads are reported beside the input count and must be added.</summary>
    SeparateFromInput,
}

/// <summary>Token usage of one call. Reasoning tokens are part of the output count and are not charged twice.</summary>
public sealed class TokenUsage
{
    public long InputTokens { get; set; }

    public long CachedInputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long ReasoningTokens { get; set; }

    public CacheAccounting CacheAccounting { get; set; } = CacheAccounting.IncludedInInput;

    /// <summary>True when counted with a tokenizer because the provider reported nothing.</summary>
    public bool Estimated { get; set; }

    /// <summary>Input tokens billed at the full input rate.</summary>
    public long UncachedInputTokens =>
        CacheAccounting == CacheAccounting.IncludedInInput ? Math.Max(0, InputTokens - CachedInputTokens) : InputTokens;

    public long TotalTokens =>
        InputTokens + OutputTokens + (CacheAccounting == CacheAccounting.SeparateFromInput ? CachedInputTokens : 0);

    /// <summary>Reads M.E.AI usage (which follows the OpenAI convention: cached input is within input).</summary>
    public static TokenUsage? FromUsageDetails(UsageDetails? usage)
    {
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null))
        {
            return null;
        }

        return new TokenUsage
        {
            InputTokens = usage.InputTokenCount ?? 0,
            CachedInputTokens = usage.CachedInputTokenCount ?? 0,
            OutputTokens = usage.OutputTokenCount ?? 0,
            ReasoningTokens = usage.ReasoningTokenCount ?? 0,
        };
    }
}
