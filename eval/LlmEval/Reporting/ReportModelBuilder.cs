using System.Globalization;
using LlmEval.Evaluation;
using LlmEval.Storage;
using LlmEval.Text;

namespace LlmEval.Reporting;

public static class ReportModelBuilder
{
    public static ReportModel Build(
        RunSummary summary,
        IReadOnlyList<CaseResult> results,
        IReadOnlyList<EvaluatorDescriptor> evaluators,
        Configuration.TestsConfig? tests = null)
    {
        tests ??= new Configuration.TestsConfig();
        var metricNames = evaluators.Select(e => e.Name).ToList();
        var model = new ReportModel
        {
            Title = $"LlmEval report: {summary.Suite}",
            RunId = summary.RunId,
            Suite = summary.Suite,
            StartedAt = summary.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            Duration = $"{(summary.FinishedAt - summary.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
            GitCommit = summary.GitCommit,
            GatePassed = summary.Gate.Passed,
            Breaches = summary.Gate.Breaches,
            GateRules = summary.Gate.Rules,
            CaseResults = summary.CaseResults,
            Cases = results.Select(r => (r.Dataset, r.CaseId)).Distinct().Count(),
            TotalCost = "$" + summary.TotalCostUsd.ToString("0.######", CultureInfo.InvariantCulture),
            JudgeCost = summary.Judge is null ? "" : "$" + summary.TotalJudgeCostUsd.ToString("0.######", CultureInfo.InvariantCulture) + $" ({summary.Judge})",
            Targets = summary.Targets.Select(t => new ReportTarget { Name = t.Name, Model = t.Model, Description = t.Description }).ToList(),
            Prompts = summary.PromptVersions.Select(p => new ReportPrompt { Name = p.Name, Hash = p.Hash }).ToList(),
            Metrics = evaluators.Select(e => new ReportMetric
            {
                Name = e.Name,
                Description = e.Description,
                Direction = e.HigherIsBetter ? "higher is better" : "lower is better",
                Threshold = summary.Cells.FirstOrDefault(c => c.Metric == e.Name)?.Threshold is { } t
                    ? (e.HigherIsBetter ? "≥ " : "≤ ") + t.ToString("0.###", CultureInfo.InvariantCulture)
                    : "none",
            }).ToList(),
        };

        foreach (var target in summary.Targets.Where(t => t.CasesCovered < t.CasesInSuite))
        {
            model.Notes.Add($"{target.Name} ran {target.CasesCovered} of the {target.CasesInSuite} cases: a replay target runs only the cases it has a recorded response for.");
        }

        foreach (var skipped in summary.SkippedTargets)
        {
            model.Notes.Add("Not run: " + skipped);
        }

        if (summary.Targets.All(t => t.Kind != "openai"))
        {
            model.Notes.Add("No live model ran: these results come from offline or replayed targets, not from an LLM called now.");
        }

        foreach (var group in summary.Cells.GroupBy(c => (c.Target, c.PromptVersion)))
        {
            model.Matrix.Add(new ReportMatrixRow
            {
                Target = group.Key.Target,
                PromptVersion = group.Key.PromptVersion,
                Cells = metricNames.Select(name => group.FirstOrDefault(c => c.Metric == name) is { } cell ? ToCell(cell) : new ReportMatrixCell { Metric = name, Status = "none" }).ToList(),
            });
        }

        model.Matrix = model.Matrix.OrderBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.PromptVersion, StringComparer.Ordinal).ToList();
        model.Calibration = summary.Calibration.Select(c => new ReportCalibration
        {
            Metric = c.Metric,
            Target = c.Target,
            Agreement = Formats.Percent(c.Agreement),
            N = c.N,
            Unscored = c.Unscored,
            HumanPassRate = Formats.Percent(c.N > 0 ? c.HumanPass / (double)c.N : null),
            MetricPassRate = Formats.Percent(c.N > 0 ? c.MetricPass / (double)c.N : null),
        }).ToList();

        model.FailedTests = results.Count(r => CaseVerdict.FailsTest(r, tests));
        model.CaseList = results
            .GroupBy(r => (r.Dataset, r.CaseId))
            .Select(g => ToCase(g.ToList(), tests))
            .OrderByDescending(c => c.Failures)
            .ThenBy(c => c.Dataset, StringComparer.Ordinal)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        return model;
    }

    private static ReportMatrixCell ToCell(MetricCell cell) => new()
    {
        Metric = cell.Metric,
        Mean = cell.Mean is { } m ? FormatValue(cell.Metric, m) : "—",
        PassRate = cell.PassRate is null ? "—" : Formats.Percent(cell.PassRate, 0),
        PassPercent = Math.Round((cell.PassRate ?? 0) * 100, 1),
        Counts = $"n={cell.N}" + (cell.NotApplicable > 0 ? $", n/a={cell.NotApplicable}" : "") + (cell.Errors > 0 ? $", errors={cell.Errors}" : ""),
        Status = cell.PassRate is null ? "none" : cell.Errors > 0 || cell.PassRate < 0.8 ? "poor" : "good",
    };

    private static ReportCase ToCase(List<CaseResult> runs, Configuration.TestsConfig tests)
    {
        var first = runs[0];
        return new ReportCase
        {
            Id = first.CaseId,
            Dataset = first.Dataset,
            Question = first.Question,
            Context = first.Context,
            Reference = first.Reference,
            ExpectedBehavior = first.ExpectedBehavior,
            Tags = string.Join(" ", first.Tags),
            AllPassed = runs.All(r => r.Passed),
            Failures = runs.Count(r => !r.Passed),
            FailedMetrics = string.Join(", ", runs.SelectMany(r => r.Metrics).Where(m => m.Outcome is "fail" or "error").Select(m => m.Name).Distinct()),
            Runs = runs
                .OrderBy(r => r.Target, StringComparer.Ordinal)
                .ThenBy(r => r.PromptVersion, StringComparer.Ordinal)
                .ThenBy(r => r.Repeat)
                .Select(r => new ReportCaseRun
                {
                    Target = r.Target,
                    PromptVersion = r.PromptVersion + (r.Repeat > 0 ? $" #{r.Repeat + 1}" : ""),
                    Request = string.Join("\n\n", r.Request.Select(m => $"[{m.Role}]\n{m.Text}")),
                    Response = r.Response,
                    Error = r.Error,
                    Passed = r.Passed,
                    FailsTest = CaseVerdict.FailsTest(r, tests),
                    TestFailures = string.Join("; ", CaseVerdict.TestFailures(r, tests).Select(m => $"{m.Name} {m.Outcome}")),
                    Latency = r.LatencyMs.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
                    Metrics = r.Metrics.Select(m => new ReportCaseMetric
                    {
                        Name = m.Name,
                        Value = m.Value is { } v ? FormatValue(m.Name, v) : "—",
                        Outcome = m.Outcome,
                        Reason = m.Reason ?? "",
                    }).ToList(),
                })
                .ToList(),
        };
    }

    private static string FormatValue(string metric, double value) => metric switch
    {
        "cost" => "$" + value.ToString("0.######", CultureInfo.InvariantCulture),
        "latency" => value.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
