namespace LlmEval.Reporting;

/// <summary>The one model every rendering (HTML now; Markdown, JUnit later) is made from.</summary>
public sealed class ReportModel
{
    public string Title { get; set; } = "";

    public string RunId { get; set; } = "";

    public string Suite { get; set; } = "";

    public string StartedAt { get; set; } = "";

    public string Duration { get; set; } = "";

    public string? GitCommit { get; set; }

    public bool GatePassed { get; set; }

    public List<string> Breaches { get; set; } = [];

    public List<string> GateRules { get; set; } = [];

    public int CaseResults { get; set; }

    public int Cases { get; set; }

    /// <summary>Case results that fail as tests (tests.failOn), for JUnit.</summary>
    public int FailedTests { get; set; }

    public string TotalCost { get; set; } = "";

    /// <summary>What the LLM judge cost, apart from the targets; empty when no judge ran.</summary>
    public string JudgeCost { get; set; } = "";

    public List<string> Notes { get; set; } = [];

    public List<ReportTarget> Targets { get; set; } = [];

    public List<ReportPrompt> Prompts { get; set; } = [];

    public List<ReportMetric> Metrics { get; set; } = [];

    public List<ReportMatrixRow> Matrix { get; set; } = [];

    public List<ReportCalibration> Calibration { get; set; } = [];

    public List<ReportCase> CaseList { get; set; } = [];
}

public sealed class ReportTarget
{
    public string Name { get; set; } = "";

    public string Model { get; set; } = "";

    public string Description { get; set; } = "";
}

public sealed class ReportPrompt
{
    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";
}

public sealed class ReportMetric
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string Direction { get; set; } = "";

    public string Threshold { get; set; } = "";
}

public sealed class ReportMatrixRow
{
    public string Target { get; set; } = "";

    public string PromptVersion { get; set; } = "";

    public List<ReportMatrixCell> Cells { get; set; } = [];
}

public sealed class ReportMatrixCell
{
    public string Metric { get; set; } = "";

    public string Mean { get; set; } = "";

    public string PassRate { get; set; } = "";

    /// <summary>Pass rate as a 0–100 number for the bar width.</summary>
    public double PassPercent { get; set; }

    public string Counts { get; set; } = "";

    /// <summary>good, poor or none: the cell's colour.</summary>
    public string Status { get; set; } = "";
}

public sealed class ReportCalibration
{
    public string Metric { get; set; } = "";

    public string Target { get; set; } = "";

    public string Agreement { get; set; } = "";

    public int N { get; set; }

    public int Unscored { get; set; }

    /// <summary>Share of scored rows the humans labelled as passing, and the share the metric passed.</summary>
    public string HumanPassRate { get; set; } = "";

    public string MetricPassRate { get; set; } = "";
}

public sealed class ReportCase
{
    public string Id { get; set; } = "";

    public string Dataset { get; set; } = "";

    public string Question { get; set; } = "";

    public List<string> Context { get; set; } = [];

    public string? Reference { get; set; }

    public string ExpectedBehavior { get; set; } = "";

    public string Tags { get; set; } = "";

    public bool AllPassed { get; set; }

    public int Failures { get; set; }

    /// <summary>Names of the metrics that failed or errored in any run of the case.</summary>
    public string FailedMetrics { get; set; } = "";

    /// <summary>The same case under each target × prompt version, side by side.</summary>
    public List<ReportCaseRun> Runs { get; set; } = [];
}

public sealed class ReportCaseRun
{
    public string Target { get; set; } = "";

    public string PromptVersion { get; set; } = "";

    public string Request { get; set; } = "";

    public string Response { get; set; } = "";

    public string? Error { get; set; }

    public bool Passed { get; set; }

    /// <summary>Fails as a test under the suite's tests.failOn (JUnit), which can differ from <see cref="Passed"/>.</summary>
    public bool FailsTest { get; set; }

    /// <summary>The asserted metrics that failed, for the JUnit failure message.</summary>
    public string TestFailures { get; set; } = "";

    public string Latency { get; set; } = "";

    public List<ReportCaseMetric> Metrics { get; set; } = [];
}

public sealed class ReportCaseMetric
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";

    public string Outcome { get; set; } = "";

    public string Reason { get; set; } = "";
}
