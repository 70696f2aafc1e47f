using System.Globalization;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Evaluation;

/// <summary>What a metric says about one case. Four distinct outcomes; never NaN, never a silent perfect score.</summary>
public enum MetricOutcome
{
    Pass,
    Fail,

    /// <summary>The evaluator could not score (unparseable judge reply, timeout, missing input).</summary>
    Error,

    /// <summary>Nothing to check (no context, a refusal with no claims). Left out of aggregates and counted.</summary>
    NotApplicable,
}

/// <summary>
/// Marks that evaluators put on <see cref="EvaluationMetric"/>s, and the rule that turns a metric into an outcome.
/// Evaluators report problems as data: an error diagnostic or a not-applicable mark, never an exception.
/// </summary>
public static class MetricMarks
{
    private const string OutcomeKey = "llmeval.outcome";

    public static T NotApplicable<T>(T metric, string reason)
        where T : EvaluationMetric
    {
        metric.Reason = reason;
        metric.AddOrUpdateMetadata(OutcomeKey, "not_applicable");
        return metric;
    }

    public static T Error<T>(T metric, string message)
        where T : EvaluationMetric
    {
        metric.Reason ??= message;
        metric.AddDiagnostics(EvaluationDiagnostic.Error(message));
        return metric;
    }

    public static bool IsNotApplicable(EvaluationMetric metric) =>
        metric.Metadata?.TryGetValue(OutcomeKey, out var value) == true && value == "not_applicable";

    /// <summary>
    /// Decides the outcome from the metric and its threshold, and writes it into the metric's interpretation.
    /// </summary>
    public static MetricOutcome Interpret(EvaluationMetric metric, EvaluatorDescriptor descriptor, double? threshold)
    {
        var outcome = Decide(metric, descriptor, threshold);
        metric.AddOrUpdateMetadata(OutcomeKey, Name(outcome));
        metric.Interpretation = new EvaluationMetricInterpretation(
            outcome switch
            {
                MetricOutcome.Pass => EvaluationRating.Good,
                MetricOutcome.Fail => EvaluationRating.Unacceptable,
                _ => EvaluationRating.Inconclusive,
            },
            failed: outcome is MetricOutcome.Fail or MetricOutcome.Error,
            reason: Explain(outcome, metric, descriptor, threshold));
        return outcome;
    }

    public static string Name(MetricOutcome outcome) => outcome switch
    {
        MetricOutcome.Pass => "pass",
        MetricOutcome.Fail => "fail",
        MetricOutcome.Error => "error",
        _ => "not_applicable",
    };

    public static double? NumericValue(EvaluationMetric metric) => metric switch
    {
        NumericMetric n => n.Value,
        BooleanMetric b => b.Value is { } v ? (v ? 1 : 0) : null,
        _ => null,
    };

    private static MetricOutcome Decide(EvaluationMetric metric, EvaluatorDescriptor descriptor, double? threshold)
    {
        if (metric.ContainsDiagnostics(d => d.Severity == EvaluationDiagnosticSeverity.Error))
        {
            return MetricOutcome.Error;
        }

        if (IsNotApplicable(metric))
        {
            return MetricOutcome.NotApplicable;
        }

        var value = NumericValue(metric);
        if (value is not { } v || double.IsNaN(v) || double.IsInfinity(v))
        {
            MetricMarks.Error(metric, "the evaluator produced no usable value");
            return MetricOutcome.Error;
        }

        if (v < descriptor.Minimum || v > descriptor.Maximum)
        {
            MetricMarks.Error(
                metric,
                string.Create(CultureInfo.InvariantCulture, $"value {v} is outside the declared range [{descriptor.Minimum}, {descriptor.Maximum}]"));
            return MetricOutcome.Error;
        }

        if (threshold is not { } t)
        {
            return MetricOutcome.Pass;
        }

        // Thresholds are inclusive: a score equal to the threshold passes (C05: 4.0 passes 4, 3.99 fails).
        return descriptor.HigherIsBetter
            ? (v >= t ? MetricOutcome.Pass : MetricOutcome.Fail)
            : (v <= t ? MetricOutcome.Pass : MetricOutcome.Fail);
    }

    private static string Explain(MetricOutcome outcome, EvaluationMetric metric, EvaluatorDescriptor descriptor, double? threshold)
    {
        var value = NumericValue(metric);
        return outcome switch
        {
            MetricOutcome.NotApplicable => $"not applicable: {metric.Reason}",
            MetricOutcome.Error => "error: " + string.Join("; ", metric.Diagnostics?.Select(d => d.Message) ?? []),
            _ when threshold is null => string.Create(CultureInfo.InvariantCulture, $"{value:0.####} {descriptor.Unit} (no threshold)"),
            _ => string.Create(
                CultureInfo.InvariantCulture,
                $"{value:0.####} {(outcome == MetricOutcome.Pass ? "meets" : "misses")} the threshold {(descriptor.HigherIsBetter ? ">=" : "<=")} {threshold}"),
        };
    }
}
