namespace LlmEval.Storage;

/// <summary>The run in numbers: what ran, per target × prompt version × metric aggregates, and the gate verdict.</summary>
public sealed class RunSummary
{
    public string RunId { get; set; } = "";

    public string Suite { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    public string? GitCommit { get; set; }

    public int CaseResults { get; set; }

    /// <summary>Case results whose target call failed.</summary>
    public int CallErrors { get; set; }

    /// <summary>US dollars for the target calls.</summary>
    public double TotalCostUsd { get; set; }

    /// <summary>US dollars for the judge calls, kept apart from the targets' cost.</summary>
    public double TotalJudgeCostUsd { get; set; }

    /// <summary>The judge model and host when the suite uses one (never its key).</summary>
    public string? Judge { get; set; }

    public List<DatasetInfo> Datasets { get; set; } = [];

    public List<TargetInfo> Targets { get; set; } = [];

    public List<PromptVersionInfo> PromptVersions { get; set; } = [];

    /// <summary>Targets in the suite that did not run, with why (for example no API key).</summary>
    public List<string> SkippedTargets { get; set; } = [];

    public List<MetricCell> Cells { get; set; } = [];

    public List<CalibrationResult> Calibration { get; set; } = [];

    public GateVerdict Gate { get; set; } = new();
}

public sealed class DatasetInfo
{
    public string Name { get; set; } = "";

    public string Path { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public int Rows { get; set; }
}

public sealed class TargetInfo
{
    public string Name { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Model { get; set; } = "";

    public string? Version { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Golden cases this target ran; fewer than <see cref="CasesInSuite"/> for a replay target without
    /// a recording for every case.</summary>
    public int CasesCovered { get; set; }

    public int CasesInSuite { get; set; }
}

public sealed class PromptVersionInfo
{
    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";

    public string Path { get; set; } = "";
}

/// <summary>Aggregate of one metric for one target × prompt version. Not-applicable rows are counted, not averaged.</summary>
public sealed class MetricCell
{
    public string Target { get; set; } = "";

    public string PromptVersion { get; set; } = "";

    public string Metric { get; set; } = "";

    /// <summary>Mean over scored rows (pass or fail); null when none were scored.</summary>
    public double? Mean { get; set; }

    /// <summary>pass / (pass + fail + error); null when nothing was scored.</summary>
    public double? PassRate { get; set; }

    /// <summary>Rows scored or errored: pass + fail + error.</summary>
    public int N { get; set; }

    public int Pass { get; set; }

    public int Fail { get; set; }

    public int Errors { get; set; }

    public int NotApplicable { get; set; }

    public double? Threshold { get; set; }
}

/// <summary>How often a metric's pass/fail outcome agrees with a human label.</summary>
public sealed class CalibrationResult
{
    public string Metric { get; set; } = "";

    public string Target { get; set; } = "";

    public string LabelColumn { get; set; } = "";

    public int N { get; set; }

    public int Agree { get; set; }

    public double? Agreement { get; set; }

    /// <summary>Labelled rows the metric did not score (not applicable or error).</summary>
    public int Unscored { get; set; }

    /// <summary>Rows whose label is neither a pass nor a fail value (for example BEGIN's "Generic"), left out.</summary>
    public int Unlabelled { get; set; }

    public int HumanPass { get; set; }

    public int MetricPass { get; set; }
}

public sealed class GateVerdict
{
    public bool Passed { get; set; } = true;

    /// <summary>One sentence per breached rule.</summary>
    public List<string> Breaches { get; set; } = [];

    public int RulesChecked { get; set; }

    /// <summary>Every rule the gate checked, in words (errors always fail unless gate.allowErrors).</summary>
    public List<string> Rules { get; set; } = [];
}
