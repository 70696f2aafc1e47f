using LlmEval.Configuration;

namespace LlmEval.Storage;

/// <summary>Builds the aggregates of a run from its case results.</summary>
public static class SummaryBuilder
{
    public static List<MetricCell> Cells(IEnumerable<CaseResult> results)
    {
        return results
            .SelectMany(r => r.Metrics.Select(m => (r.Target, r.PromptVersion, Metric: m)))
            .GroupBy(x => (x.Target, x.PromptVersion, x.Metric.Name))
            .Select(g =>
            {
                var metrics = g.Select(x => x.Metric).ToList();
                var scored = metrics.Where(m => m.Outcome is "pass" or "fail" && m.Value is not null).ToList();
                var cell = new MetricCell
                {
                    Target = g.Key.Target,
                    PromptVersion = g.Key.PromptVersion,
                    Metric = g.Key.Name,
                    Pass = metrics.Count(m => m.Outcome == "pass"),
                    Fail = metrics.Count(m => m.Outcome == "fail"),
                    Errors = metrics.Count(m => m.Outcome == "error"),
                    NotApplicable = metrics.Count(m => m.Outcome == "not_applicable"),
                    Mean = scored.Count > 0 ? scored.Average(m => m.Value!.Value) : null,
                    Threshold = metrics.FirstOrDefault()?.Threshold,
                };
                cell.N = cell.Pass + cell.Fail + cell.Errors;
                cell.PassRate = cell.N > 0 ? cell.Pass / (double)cell.N : null;
                return cell;
            })
            .OrderBy(c => c.Metric, StringComparer.Ordinal)
            .ThenBy(c => c.Target, StringComparer.Ordinal)
            .ThenBy(c => c.PromptVersion, StringComparer.Ordinal)
            .ToList();
    }

    public static List<CalibrationResult> Calibrate(IEnumerable<CaseResult> results, IReadOnlyList<HumanLabelConfig> labels)
    {
        var list = results.ToList();
        var calibration = new List<CalibrationResult>();
        foreach (var label in labels)
        {
            foreach (var group in list.GroupBy(r => r.Target))
            {
                var row = new CalibrationResult { Metric = label.Metric, Target = group.Key, LabelColumn = label.Column };
                foreach (var result in group)
                {
                    if (!result.Labels.TryGetValue(label.Column, out var value))
                    {
                        continue;
                    }

                    bool? human = label.PassValues.Contains(value) ? true : label.FailValues.Contains(value) ? false : null;
                    if (human is null)
                    {
                        row.Unlabelled++;
                        continue;
                    }

                    var outcome = result.Metrics.FirstOrDefault(m => m.Name == label.Metric)?.Outcome;
                    if (outcome is not ("pass" or "fail"))
                    {
                        row.Unscored++;
                        continue;
                    }

                    row.N++;
                    row.HumanPass += human.Value ? 1 : 0;
                    row.MetricPass += outcome == "pass" ? 1 : 0;
                    row.Agree += (outcome == "pass") == human.Value ? 1 : 0;
                }

                row.Agreement = row.N > 0 ? row.Agree / (double)row.N : null;
                calibration.Add(row);
            }

            var all = calibration.Where(c => c.Metric == label.Metric && c.LabelColumn == label.Column).ToList();
            var total = new CalibrationResult
            {
                Metric = label.Metric,
                Target = "(all targets)",
                LabelColumn = label.Column,
                N = all.Sum(c => c.N),
                Agree = all.Sum(c => c.Agree),
                Unscored = all.Sum(c => c.Unscored),
                Unlabelled = all.Sum(c => c.Unlabelled),
                HumanPass = all.Sum(c => c.HumanPass),
                MetricPass = all.Sum(c => c.MetricPass),
            };
            total.Agreement = total.N > 0 ? total.Agree / (double)total.N : null;
            calibration.Add(total);
        }

        return calibration;
    }
}
