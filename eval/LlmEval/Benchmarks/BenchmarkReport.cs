namespace LlmEval.Benchmarks;

/// <summary>One line of the accuracy benchmark: how one evaluator agrees with labels on one public set.</summary>
public sealed class BenchmarkRow
{
    public string Evaluator { get; set; } = "";

    public string Dataset { get; set; } = "";

    /// <summary>What is measured, in words (task and figure).</summary>
    public string Measure { get; set; } = "";

    /// <summary>Short machine name of the figure, e.g. <c>roc_auc</c>.</summary>
    public string Figure { get; set; } = "";

    public double Ours { get; set; }

    /// <summary>A naive baseline on the same rows, when there is one.</summary>
    public double? Baseline { get; set; }

    public string? BaselineName { get; set; }

    /// <summary>A published figure for the same task by another system, with its source.</summary>
    public string? Published { get; set; }

    /// <summary>The project's target for this figure; null when reported only.</summary>
    public double? Target { get; set; }

    /// <summary>True when the target is met; null when there is no target.</summary>
    public bool? Met => Target is { } t ? Ours >= t : null;

    /// <summary>Rows or items the figure is computed on.</summary>
    public int N { get; set; }

    public string? Notes { get; set; }
}

/// <summary>The whole benchmark run: every figure, where the data came from and how long it took.</summary>
public sealed class BenchmarkReport
{
    public string DataDirectory { get; set; } = "";

    /// <summary><c>test</c> for reported figures; <c>dev</c> only while tuning.</summary>
    public string Split { get; set; } = "test";

    public double Seconds { get; set; }

    public int EmbeddedTexts { get; set; }

    public List<BenchmarkRow> Rows { get; set; } = [];
}
