using System.Globalization;
using LlmEval.Configuration;
using LlmEval.Storage;
using LlmEval.Text;

namespace LlmEval.Gating;

/// <summary>Applies the suite's gate rules to the run's aggregates; every breach is one sentence.</summary>
public static class Gate
{
    public static GateVerdict Evaluate(
        GateConfig config,
        IReadOnlyList<MetricCell> cells,
        int callErrors,
        string? firstCallError = null)
    {
        var verdict = new GateVerdict();

        // One root cause (an unreachable endpoint) errors every metric of every case: say it first, once.
        if (callErrors > 0)
        {
            verdict.Breaches.Add($"{callErrors} target call(s) failed, so every metric of those cases is an error{(firstCallError is null ? "" : $" (first failure: {firstCallError})")}.");
        }

        foreach (var rule in config.Rules)
        {
            verdict.Rules.Add(Describe(rule));
            var matching = cells.Where(c => c.Metric == rule.Metric
                && (rule.Targets.Count == 0 || rule.Targets.Contains(c.Target))
                && (rule.PromptVersions.Count == 0 || rule.PromptVersions.Contains(c.PromptVersion))).ToList();
            if (matching.Count == 0)
            {
                verdict.Breaches.Add($"Rule on '{rule.Metric}' matched no results: check the metric, target and prompt version names in gate.rules.");
                continue;
            }

            foreach (var cell in matching)
            {
                var where = $"{cell.Metric} for {cell.Target} × {cell.PromptVersion}";
                if (rule.MinMean is { } minMean && cell.Mean is null)
                {
                    verdict.Breaches.Add(F($"Mean {where} could not be computed (no scored rows), so the minimum {minMean:0.###} is not met."));
                }
                else if (rule.MinMean is { } min && cell.Mean < min)
                {
                    verdict.Breaches.Add(F($"Mean {where} is {Show(cell.Mean)}, below the minimum {min:0.###}."));
                }

                if (rule.MaxMean is { } maxMean && cell.Mean > maxMean)
                {
                    verdict.Breaches.Add(F($"Mean {where} is {Show(cell.Mean)}, above the maximum {maxMean:0.######}."));
                }

                if (rule.MinPassRate is { } minRate && (cell.PassRate is null || cell.PassRate < minRate))
                {
                    verdict.Breaches.Add(F($"Pass rate {where} is {Percent(cell.PassRate)} ({cell.Pass}/{cell.N}), below the minimum {Formats.Percent(minRate, 0)}."));
                }

                if (rule.MaxFailures is { } maxFailures && cell.Fail > maxFailures)
                {
                    verdict.Breaches.Add(F($"{cell.Fail} failing case(s) in {where}, more than the {maxFailures} allowed."));
                }
            }
        }

        verdict.Rules.Add(config.AllowErrors
            ? "error outcomes are accepted (gate.allowErrors is true)"
            : "no error outcome anywhere (errors fail closed; gate.allowErrors accepts them)");
        if (!config.AllowErrors)
        {
            foreach (var cell in cells.Where(c => c.Errors > 0))
            {
                verdict.Breaches.Add(F($"{cell.Errors} error outcome(s) in {cell.Metric} for {cell.Target} × {cell.PromptVersion}: errors fail the gate (set gate.allowErrors to accept them)."));
            }
        }

        verdict.RulesChecked = verdict.Rules.Count;
        verdict.Passed = verdict.Breaches.Count == 0;
        return verdict;
    }

    /// <summary>The rule in words, for the report: "groundedness: mean ≥ 0.9, for every target × prompt version".</summary>
    public static string Describe(GateRuleConfig rule)
    {
        var limits = new List<string>();
        if (rule.MinMean is { } minMean)
        {
            limits.Add(F($"mean ≥ {minMean:0.###}"));
        }

        if (rule.MaxMean is { } maxMean)
        {
            limits.Add(F($"mean ≤ {maxMean:0.######}"));
        }

        if (rule.MinPassRate is { } minRate)
        {
            limits.Add($"pass rate ≥ {Formats.Percent(minRate, 0)}");
        }

        if (rule.MaxFailures is { } maxFailures)
        {
            limits.Add(F($"at most {maxFailures} failing case(s)"));
        }

        var targets = rule.Targets.Count == 0 ? "every target" : string.Join(", ", rule.Targets);
        var prompts = rule.PromptVersions.Count == 0 ? "every prompt version" : string.Join(", ", rule.PromptVersions);
        return $"{rule.Metric}: {string.Join(" and ", limits)}, for {targets} × {prompts}";
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Show(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "not computed (no scored rows)";

    private static string Percent(double? value) => value is null ? "not computed" : Formats.Percent(value);
}
