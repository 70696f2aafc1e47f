using LlmEval.Configuration;
using LlmEval.Datasets;
using Microsoft.Extensions.AI;

namespace LlmEval.Targets;

/// <summary>A system under test: a named chat client with its model id, version and price card.</summary>
public sealed class Target
{
    /// <summary>Key in <see cref="ChatOptions.AdditionalProperties"/> carrying the golden case id (used by replay).</summary>
    public const string CaseIdProperty = "llmeval.case_id";

    public required string Name { get; init; }

    public required string Kind { get; init; }

    public required string Model { get; init; }

    public string? Version { get; init; }

    public required IChatClient Client { get; init; }

    public PriceCard Price { get; init; } = new();

    /// <summary>Whether this target can answer the case; a replay target only answers what was recorded.</summary>
    public Func<GoldenCase, bool> Covers { get; init; } = _ => true;

    /// <summary>A short description for reports, e.g. "offline extractive baseline (no LLM)".</summary>
    public string Description { get; init; } = "";
}
