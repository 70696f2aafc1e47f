using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation;

/// <summary>Everything the harness needs to know about one metric: range, direction, unit, threshold, judge.</summary>
public sealed record EvaluatorDescriptor
{
    /// <summary>The evaluator's name in the suite file; also the metric name it produces.</summary>
    public required string Name { get; init; }

    public required string Description { get; init; }

    public double Minimum { get; init; }

    public double Maximum { get; init; } = 1;

    public bool HigherIsBetter { get; init; } = true;

    public string Unit { get; init; } = "score";

    /// <summary>Pass threshold when the suite does not set one; null means the metric is reported only.</summary>
    public double? DefaultThreshold { get; init; }

    public bool NeedsJudge { get; init; }

    /// <summary>Builds the evaluator; services give access to shared resources such as the embedding model.</summary>
    public required Func<EvaluatorServices, IEvaluator> Create { get; init; }
}
