using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Evaluation.Offline;
using LlmEval.Storage;
using LlmEval.Tests.Support;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Tests.Cases;

/// <summary>C01: an answer with no claims (or a case with no context) has nothing to check.</summary>
public sealed class C01NothingToCheckTests
{
    private const string Kettle = "What is the warranty period for the K-100 kettle?";
    private const string Sorry = "Sorry, I could not find that information.";
    private const string Footbridge = "When did the footbridge open?";
    private const string FootbridgeContext = "The footbridge is 1.2 km long.";

    [Fact]
    public async Task C01_SorryWithEmptyContext_GroundednessNotApplicable()
    {
        var metric = await EvaluateAsync(Golden.Case(Kettle), Sorry);

        AssertNotApplicable(metric);
        Assert.Equal("no context", metric.Reason);
    }

    [Fact]
    public async Task C01_IdkWithContext_GroundednessNotApplicable()
    {
        var metric = await EvaluateAsync(Golden.Case(Footbridge, [FootbridgeContext]), "IDK");

        AssertNotApplicable(metric);
        Assert.Contains("no claims", metric.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task C01_SorryWithContext_GroundednessNotApplicable()
    {
        var metric = await EvaluateAsync(Golden.Case(Footbridge, [FootbridgeContext]), Sorry);

        AssertNotApplicable(metric);
    }

    [Fact]
    public async Task C01_RepeatedRuns_SameOutcomeEveryTime()
    {
        var outcomes = new List<(MetricOutcome Outcome, double? Value, string? Reason)>();
        for (var run = 0; run < 5; run++)
        {
            foreach (var (goldenCase, answer) in new[]
            {
                (Golden.Case(Kettle), Sorry),
                (Golden.Case(Footbridge, [FootbridgeContext]), "IDK"),
            })
            {
                var metric = await EvaluateAsync(goldenCase, answer);
                var outcome = MetricMarks.Interpret(metric, Golden.Descriptor(GroundednessEvaluator.MetricName), 0.75);
                outcomes.Add((outcome, MetricMarks.NumericValue(metric), metric.Reason));
            }
        }

        Assert.All(outcomes, o => Assert.Equal(MetricOutcome.NotApplicable, o.Outcome));
        Assert.All(outcomes, o => Assert.Null(o.Value));
        Assert.Equal(2, outcomes.Select(o => o.Reason).Distinct().Count());
    }

    [Fact]
    public void C01_SummaryCells_LeaveNotApplicableOutOfMeanAndCountThem()
    {
        // The not-applicable rows carry a value of 1.0 on purpose: were they averaged, the mean would move.
        CaseResult[] results =
        [
            Result("a", "pass", 1.0),
            Result("b", "fail", 0.5),
            Result("c", "not_applicable", 1.0),
            Result("d", "not_applicable", null),
            Result("e", "error", null),
        ];

        var cell = Assert.Single(SummaryBuilder.Cells(results));

        Assert.Equal(0.75, cell.Mean);
        Assert.Equal(2, cell.NotApplicable);
        Assert.Equal(3, cell.N);
        Assert.Equal(1, cell.Pass);
        Assert.Equal(1, cell.Fail);
        Assert.Equal(1, cell.Errors);
        Assert.Equal(1 / 3d, cell.PassRate!.Value, 10);
    }

    [Fact]
    public void C01_SummaryCells_OnlyNotApplicableRows_MeanAndPassRateNotComputed()
    {
        CaseResult[] results = [Result("a", "not_applicable", null), Result("b", "not_applicable", null)];

        var cell = Assert.Single(SummaryBuilder.Cells(results));

        Assert.Null(cell.Mean);
        Assert.Null(cell.PassRate);
        Assert.Equal(0, cell.N);
        Assert.Equal(2, cell.NotApplicable);
    }

    private static Task<EvaluationMetric> EvaluateAsync(GoldenCase goldenCase, string answer) =>
        Golden.EvaluateAsync(new GroundednessEvaluator(SharedModel.Embedder), goldenCase, answer);

    private static void AssertNotApplicable(EvaluationMetric metric)
    {
        var outcome = MetricMarks.Interpret(metric, Golden.Descriptor(GroundednessEvaluator.MetricName), 0.75);

        Assert.Equal(MetricOutcome.NotApplicable, outcome);
        Assert.True(MetricMarks.IsNotApplicable(metric));
        Assert.Null(MetricMarks.NumericValue(metric));
        Assert.False(metric.Interpretation!.Failed);
    }

    private static CaseResult Result(string caseId, string outcome, double? value) => new()
    {
        CaseId = caseId,
        Target = "offline",
        PromptVersion = "v1",
        Metrics = [new MetricResult { Name = "groundedness", Outcome = outcome, Value = value, Threshold = 0.75 }],
    };
}
