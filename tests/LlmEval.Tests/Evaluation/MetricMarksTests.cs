using LlmEval.Evaluation;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Tests.Evaluation;

public sealed class MetricMarksTests
{
    // A judge-style metric on a 1–5 scale, as C05 describes.
    private static readonly EvaluatorDescriptor OneToFive = new()
    {
        Name = "rating",
        Description = "1–5 rating",
        Minimum = 1,
        Maximum = 5,
        DefaultThreshold = 4,
        Create = _ => throw new NotSupportedException(),
    };

    [Fact]
    public void Interpret_ValueEqualToThreshold_PassesInclusive()
    {
        var metric = new NumericMetric("rating", 4.0);

        Assert.Equal(MetricOutcome.Pass, MetricMarks.Interpret(metric, OneToFive, 4));
        Assert.False(metric.Interpretation!.Failed);
        Assert.Equal(EvaluationRating.Good, metric.Interpretation.Rating);
    }

    [Fact]
    public void Interpret_ValueJustBelowThreshold_Fails()
    {
        var metric = new NumericMetric("rating", 3.99);

        Assert.Equal(MetricOutcome.Fail, MetricMarks.Interpret(metric, OneToFive, 4));
        Assert.True(metric.Interpretation!.Failed);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Interpret_NonFiniteValue_Error(double value)
    {
        var metric = new NumericMetric("rating", value);

        Assert.Equal(MetricOutcome.Error, MetricMarks.Interpret(metric, OneToFive, 4));
        Assert.True(metric.Interpretation!.Failed);
        Assert.Equal(EvaluationRating.Inconclusive, metric.Interpretation.Rating);
        Assert.True(metric.ContainsDiagnostics(d => d.Severity == EvaluationDiagnosticSeverity.Error));
    }

    [Fact]
    public void Interpret_NoValue_Error()
    {
        var metric = new NumericMetric("rating");

        Assert.Equal(MetricOutcome.Error, MetricMarks.Interpret(metric, OneToFive, 4));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    public void Interpret_OutOfRange_ErrorNamingTheRange(double value)
    {
        var metric = new NumericMetric("rating", value);

        Assert.Equal(MetricOutcome.Error, MetricMarks.Interpret(metric, OneToFive, 4));
        Assert.Contains("outside the declared range [1, 5]", metric.Interpretation!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_LowerIsBetter_ThresholdIsAMaximum()
    {
        var latency = EvaluatorRegistry.Find("latency")!;

        Assert.Equal(MetricOutcome.Pass, MetricMarks.Interpret(new NumericMetric("latency", 1000), latency, 1000));
        Assert.Equal(MetricOutcome.Fail, MetricMarks.Interpret(new NumericMetric("latency", 1000.5), latency, 1000));
    }

    [Fact]
    public void Interpret_ErrorDiagnosticWithValue_ErrorWins()
    {
        var metric = MetricMarks.Error(new NumericMetric("rating", 5), "judge reply could not be parsed");

        Assert.Equal(MetricOutcome.Error, MetricMarks.Interpret(metric, OneToFive, 4));
        Assert.Contains("judge reply could not be parsed", metric.Interpretation!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_NotApplicableMark_NotApplicableAndNotFailed()
    {
        var metric = MetricMarks.NotApplicable(new NumericMetric("rating"), "no claims");

        Assert.Equal(MetricOutcome.NotApplicable, MetricMarks.Interpret(metric, OneToFive, 4));
        Assert.False(metric.Interpretation!.Failed);
    }
}
