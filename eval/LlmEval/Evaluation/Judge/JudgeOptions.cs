using LlmEval.Configuration;

namespace LlmEval.Evaluation.Judge;

/// <summary>How judge samples are combined into one score.</summary>
public enum JudgeAggregate
{
    /// <summary>The mean of the sampled scores.</summary>
    Mean,

    /// <summary>The most frequent whole score (scores rounded); a tie takes the lowest, so ties never flatter.</summary>
    Majority,
}

/// <summary>Options of the judge evaluators: sampling, the price card for judge cost, output cap, timeout.</summary>
public sealed record JudgeOptions
{
    /// <summary>Judge replies per metric and case. Any unparseable sample makes the metric an error.</summary>
    public int Samples { get; init; } = 1;

    public JudgeAggregate Aggregate { get; init; } = JudgeAggregate.Mean;

    /// <summary>Model id sent with each judge request; null leaves it to the chat client.</summary>
    public string? Model { get; init; }

    /// <summary>Prices of the judge model, per million tokens; judge cost is recorded apart from the target's.</summary>
    public PriceCard Price { get; init; } = new();

    /// <summary>
    /// Output cap per judge reply; null sends none. A value below <see cref="JudgeConfig.MinimumOutputTokens"/> is
    /// raised to it: a tight cap can cut the reply to nothing (C06).
    /// </summary>
    public int? MaxOutputTokens { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>What to set when no judge chat client is available; shown in the error outcome.</summary>
    public string ClientHint { get; init; } =
        "add a \"judge\" section to the suite file and set OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
        + "OpenAI-compatible server), or pass a ChatConfiguration to EvaluateAsync";

    public static JudgeOptions FromConfig(JudgeConfig config) => new()
    {
        Samples = config.Samples,
        Aggregate = config.Aggregate == "majority" ? JudgeAggregate.Majority : JudgeAggregate.Mean,
        Model = config.Model,
        Price = config.Price,
        MaxOutputTokens = config.MaxOutputTokens,
        Timeout = TimeSpan.FromSeconds(config.TimeoutSeconds),
    };
}
