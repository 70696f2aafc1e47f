using LlmEval.Evaluation;
using LlmEval.Evaluation.Embeddings;
using LlmEval.Evaluation.Offline;
using LlmEval.Tests.Support;

namespace LlmEval.Tests.Cases;

/// <summary>C03: an empty answer scores the lowest relevance with a reason, and no model is called.</summary>
public sealed class C03EmptyAnswerTests
{
    private const string Question = "How do I return a jacket that does not fit?";

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public async Task C03_EmptyAnswer_RelevanceZeroWithReason(string answer)
    {
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        var evaluator = new RelevanceEvaluator(new CachedEmbedder(counter));

        var metric = await Golden.EvaluateAsync(evaluator, Golden.Case(Question), answer);
        var outcome = MetricMarks.Interpret(metric, Golden.Descriptor(RelevanceEvaluator.MetricName), 0.5);

        Assert.Equal(0, MetricMarks.NumericValue(metric));
        Assert.Equal("empty response", metric.Reason);
        Assert.Equal(MetricOutcome.Fail, outcome);
        Assert.Equal(0, counter.Calls);
    }

    [Fact]
    public async Task C03_NonEmptyAnswer_EmbedderIsCalled()
    {
        // Control for the test above: the counter does see calls when the evaluator makes them.
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        var evaluator = new RelevanceEvaluator(new CachedEmbedder(counter));

        var metric = await Golden.EvaluateAsync(
            evaluator,
            Golden.Case(Question),
            "Send the jacket back within 30 days of delivery for a refund.");

        Assert.Equal(1, counter.Calls);
        Assert.Equal(2, counter.Texts);
        Assert.InRange(MetricMarks.NumericValue(metric)!.Value, 0.2, 1.0);
    }
}
