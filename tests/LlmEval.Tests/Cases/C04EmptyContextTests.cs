using LlmEval.Evaluation;
using LlmEval.Evaluation.Embeddings;
using LlmEval.Evaluation.Offline;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Cases;

/// <summary>C04: a context with no visible text counts as missing; groundedness is not applicable, never 1.0.</summary>
public sealed class C04EmptyContextTests
{
    private const string Question = "Is the office open on Mondays?";
    private const string Answer = "The office is closed on Mondays.";

    public static TheoryData<string[]> EmptyContexts => new([""], [], ["   "]);

    [Theory]
    [MemberData(nameof(EmptyContexts))]
    public async Task C04_EmptyContext_GroundednessNotApplicableWithReason(string[] context)
    {
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        var evaluator = new GroundednessEvaluator(new CachedEmbedder(counter));

        var metric = await Golden.EvaluateAsync(evaluator, Golden.Case(Question, context), Answer);
        var outcome = MetricMarks.Interpret(metric, Golden.Descriptor(GroundednessEvaluator.MetricName), 0.75);

        Assert.Equal(MetricOutcome.NotApplicable, outcome);
        Assert.Equal("no context", metric.Reason);
        Assert.Null(MetricMarks.NumericValue(metric));
        Assert.Equal(0, counter.Calls);
    }

    [Fact]
    public async Task C04_RealContext_GroundednessIsScored()
    {
        // Control: with a passage the evaluator does score, and calls the embedder to do so.
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        var evaluator = new GroundednessEvaluator(new CachedEmbedder(counter));

        var metric = await Golden.EvaluateAsync(
            evaluator,
            Golden.Case(Question, ["The office is closed on Mondays and open Tuesday to Saturday."]),
            Answer);

        Assert.Equal(1.0, MetricMarks.NumericValue(metric));
        Assert.Equal(1, counter.Calls);
    }
}
