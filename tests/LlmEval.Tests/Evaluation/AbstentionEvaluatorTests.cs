using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Evaluation.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Tests.Evaluation;

public sealed class AbstentionEvaluatorTests
{
    [Theory]
    [InlineData("I could not find that information in the documents I have.", 1)]
    [InlineData("The provided information does not say when the store opens.", 1)]
    [InlineData("The flagship store opens at 10 am on Saturday.", 0)]
    public async Task Evaluate_UnanswerableCase_PassesOnlyWhenTheResponseSaysItDoesNotKnow(string response, double expected)
    {
        var metric = await EvaluateAsync(response, ExpectedBehavior.Abstain);

        Assert.Equal(expected, metric.Value);
    }

    [Fact]
    public async Task Evaluate_AnswerableCase_NotApplicable()
    {
        var metric = await EvaluateAsync("I could not find that information.", ExpectedBehavior.Answer);

        Assert.True(MetricMarks.IsNotApplicable(metric));
        Assert.Null(metric.Value);
    }

    private static async Task<NumericMetric> EvaluateAsync(string response, ExpectedBehavior behavior)
    {
        var goldenCase = new GoldenCase { Id = "a", Dataset = "d", Question = "When does the outlet store open?", ExpectedBehavior = behavior };
        var result = await new AbstentionEvaluator().EvaluateAsync(
            [new ChatMessage(ChatRole.User, goldenCase.Question)],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, response)),
            additionalContext: [new GoldenCaseContext(goldenCase)],
            cancellationToken: TestContext.Current.CancellationToken);
        return (NumericMetric)result.Metrics[AbstentionEvaluator.MetricName];
    }
}
