using LlmEval.Evaluation.Cost;

namespace LlmEval.Storage;

/// <summary>One case × target × prompt version × repeat: what was sent, what came back, and its metrics.</summary>
public sealed class CaseResult
{
    public string RunId { get; set; } = "";

    public string CaseId { get; set; } = "";

    public string Dataset { get; set; } = "";

    public string Target { get; set; } = "";

    public string Model { get; set; } = "";

    public string PromptVersion { get; set; } = "";

    public string PromptHash { get; set; } = "";

    public int Repeat { get; set; }

    public List<string> Tags { get; set; } = [];

    public string ExpectedBehavior { get; set; } = "";

    public string Question { get; set; } = "";

    public List<string> Context { get; set; } = [];

    public string? Reference { get; set; }

    public List<RecordedMessage> Request { get; set; } = [];

    public string Response { get; set; } = "";

    public TokenUsage? Usage { get; set; }

    public double LatencyMs { get; set; }

    /// <summary>US dollars for the target call only; the judge's cost is <see cref="JudgeCostUsd"/>.</summary>
    public double CostUsd { get; set; }

    /// <summary>Tokens the judge used for this case's judge metrics, summed; null when no judge was called.</summary>
    public TokenUsage? JudgeUsage { get; set; }

    /// <summary>US dollars for the judge calls of this case's judge metrics, apart from the target's cost.</summary>
    public double JudgeCostUsd { get; set; }

    /// <summary>Milliseconds spent waiting for the judge, summed over this case's judge metrics.</summary>
    public double JudgeLatencyMs { get; set; }

    public bool CacheHit { get; set; }

    /// <summary>Why the target call failed, when it did; every metric is then an error.</summary>
    public string? Error { get; set; }

    public List<MetricResult> Metrics { get; set; } = [];

    /// <summary>Human labels carried from the dataset (column → value), for calibration.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    public bool Passed => Metrics.All(m => m.Outcome is "pass" or "not_applicable");
}

public sealed class RecordedMessage
{
    public string Role { get; set; } = "";

    public string Text { get; set; } = "";
}

public sealed class MetricResult
{
    public string Name { get; set; } = "";

    public double? Value { get; set; }

    /// <summary>pass, fail, error or not_applicable.</summary>
    public string Outcome { get; set; } = "";

    public double? Threshold { get; set; }

    public string? Reason { get; set; }

    public string? Interpretation { get; set; }

    public List<string> Diagnostics { get; set; } = [];

    public Dictionary<string, string> Metadata { get; set; } = [];
}
