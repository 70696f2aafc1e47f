using LlmEval.Configuration;
using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Gating;
using LlmEval.Planning;
using LlmEval.Prompts;
using LlmEval.Storage;
using LlmEval.Targets;
using LlmEval.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmEval.Tests.Running;

public sealed class CaseRunnerTests
{
    private static readonly string[] OfflineMetrics = ["safety", "cost", "latency"];

    [Fact]
    public async Task RunAsync_NoRetriesConfigured_CallsTargetAndScores()
    {
        // Regression: "maxRetries": 0 used to crash every run (Polly rejects a retry strategy with 0 attempts).
        var runner = new LlmEval.Running.CaseRunner("run-1", OfflineEvaluators(), TimeSpan.FromSeconds(10), maxRetries: 0);
        using var client = new OfflineExtractiveChatClient(new OfflineTargetSettings());

        var result = await runner.RunAsync(Call(client), TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Contains("2-year warranty", result.Response, StringComparison.Ordinal);
        Assert.Equal(OfflineMetrics, result.Metrics.Select(m => m.Name));
        Assert.All(result.Metrics, m => Assert.Equal("pass", m.Outcome));
    }

    [Fact]
    public async Task RunAsync_TargetThrows_EveryMetricErrorAndGateFails()
    {
        var runner = new LlmEval.Running.CaseRunner("run-1", OfflineEvaluators(), TimeSpan.FromSeconds(10), maxRetries: 2);
        using var client = new FailingChatClient();

        var result = await runner.RunAsync(Call(client), TestContext.Current.CancellationToken);
        var verdict = Gate.Evaluate(new GateConfig(), SummaryBuilder.Cells([result]), callErrors: 1, result.Error);

        Assert.Equal(1, client.Calls);
        Assert.Contains("model is down", result.Error, StringComparison.Ordinal);
        Assert.All(result.Metrics, m => Assert.Equal("error", m.Outcome));
        Assert.False(result.Passed);
        Assert.False(verdict.Passed);
        // The cause once, first, then one error breach per metric.
        Assert.Equal(4, verdict.Breaches.Count);
        Assert.StartsWith("1 target call(s) failed", verdict.Breaches[0], StringComparison.Ordinal);
        Assert.Contains("model is down", verdict.Breaches[0], StringComparison.Ordinal);
    }

    private static List<(EvaluatorDescriptor, IEvaluator, double?)> OfflineEvaluators() =>
        OfflineMetrics
            .Select(name => Golden.Descriptor(name))
            .Select(d => (d, d.Create(SharedModel.Services), d.DefaultThreshold))
            .ToList();

    private static PlannedCall Call(IChatClient client)
    {
        var goldenCase = Golden.Case(
            "How long is the K-100 kettle warranty?",
            ["The K-100 kettle has a 2-year warranty."],
            ExpectedBehavior.Answer);
        var target = new Target { Name = "t", Kind = "test", Model = "m", Client = client };
        return new PlannedCall(goldenCase, target, PromptVersion.Load("support-v2", RepoPaths.Prompt("support-v2")), 0);
    }

    private sealed class FailingChatClient : IChatClient
    {
        private int calls;

        public int Calls => calls;

        public Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("model is down");
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
            // Nothing to release.
        }
    }
}
