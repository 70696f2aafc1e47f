using System.Diagnostics;
using LlmEval.Datasets;
using LlmEval.Evaluation;
using LlmEval.Evaluation.Cost;
using LlmEval.Evaluation.Judge;
using LlmEval.Planning;
using LlmEval.Storage;
using LlmEval.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LlmEval.Running;

/// <summary>Calls the target for one planned case (with retries and a timeout), then scores the response.</summary>
public sealed class CaseRunner
{
    private readonly IReadOnlyList<(EvaluatorDescriptor Descriptor, IEvaluator Evaluator, double? Threshold)> evaluators;
    private readonly ResiliencePipeline pipeline;
    private readonly string runId;
    private readonly ChatConfiguration? judge;

    /// <param name="judge">The judge model's chat client for judge evaluators; null when the suite has none.</param>
    public CaseRunner(
        string runId,
        IReadOnlyList<(EvaluatorDescriptor Descriptor, IEvaluator Evaluator, double? Threshold)> evaluators,
        TimeSpan timeout,
        int maxRetries,
        ChatConfiguration? judge = null)
    {
        this.runId = runId;
        this.evaluators = evaluators;
        this.judge = judge;
        var builder = new ResiliencePipelineBuilder();
        if (maxRetries > 0)
        {
            // Polly rejects MaxRetryAttempts = 0, so run.maxRetries: 0 means no retry strategy at all.
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
                DelayGenerator = args => ValueTask.FromResult(TransientFailures.RetryAfter(args.Outcome.Exception)),
            });
        }

        pipeline = builder.AddTimeout(timeout).Build();
    }

    /// <summary>The evaluators this runner scores with.</summary>
    public IEnumerable<IEvaluator> Evaluators => evaluators.Select(e => e.Evaluator);

    public async Task<CaseResult> RunAsync(PlannedCall call, CancellationToken cancellationToken = default)
    {
        var messages = call.Prompt.Render(call.Case);
        var result = NewResult(call, messages);
        var options = new ChatOptions
        {
            ModelId = call.Target.Model,
            AdditionalProperties = new AdditionalPropertiesDictionary { [Target.CaseIdProperty] = call.Case.Id },
        };

        ChatResponse response;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            response = await pipeline.ExecuteAsync(
                async token => await call.Target.Client.GetResponseAsync(messages, options, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result.LatencyMs = stopwatch.Elapsed.TotalMilliseconds;
            result.Error = ex is TimeoutRejectedException ? "the target did not answer in time" : $"{ex.GetType().Name}: {ex.Message}";
            result.Metrics = evaluators.Select(e => new MetricResult
            {
                Name = e.Descriptor.Name,
                Outcome = MetricMarks.Name(MetricOutcome.Error),
                Threshold = e.Threshold,
                Reason = "target call failed: " + result.Error,
            }).ToList();
            return result;
        }

        var latency = stopwatch.Elapsed;
        result.LatencyMs = latency.TotalMilliseconds;
        result.Response = response.Text ?? "";
        result.Usage = TokenUsage.FromUsageDetails(response.Usage);
        EvaluationContext[] contexts =
            [new GoldenCaseContext(call.Case), new CallContext(latency, result.Usage, call.Target.Price)];

        foreach (var (descriptor, evaluator, threshold) in evaluators)
        {
            var metric = await EvaluateOneAsync(descriptor, evaluator, messages, response, contexts, judge, cancellationToken).ConfigureAwait(false);
            var outcome = MetricMarks.Interpret(metric, descriptor, threshold);
            result.Metrics.Add(ToResult(metric, outcome, threshold));
            if (descriptor.Name == "cost" && MetricMarks.NumericValue(metric) is { } cost)
            {
                result.CostUsd = cost;
            }

            if (descriptor.NeedsJudge)
            {
                AddJudgeUsage(result, metric);
            }
        }

        return result;
    }

    /// <summary>Runs one evaluator; an exception becomes an error metric so that one evaluator cannot sink a case.</summary>
    private static async Task<EvaluationMetric> EvaluateOneAsync(
        EvaluatorDescriptor descriptor,
        IEvaluator evaluator,
        IReadOnlyList<ChatMessage> messages,
        ChatResponse response,
        EvaluationContext[] contexts,
        ChatConfiguration? judge,
        CancellationToken cancellationToken)
    {
        try
        {
            var evaluation = await evaluator.EvaluateAsync(messages, response, judge, contexts, cancellationToken).ConfigureAwait(false);
            return evaluation.Metrics.TryGetValue(descriptor.Name, out var metric)
                ? metric
                : MetricMarks.Error(new NumericMetric(descriptor.Name), $"the evaluator returned no '{descriptor.Name}' metric");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return MetricMarks.Error(new NumericMetric(descriptor.Name), $"the evaluator failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Adds a judge metric's tokens, latency and cost to the case's judge totals (apart from the target's).</summary>
    private static void AddJudgeUsage(CaseResult result, EvaluationMetric metric)
    {
        if (JudgeUsage.Read(metric.Metadata?.AsReadOnly()) is not { } used)
        {
            return;
        }

        result.JudgeUsage ??= new TokenUsage();
        result.JudgeUsage.InputTokens += used.Usage.InputTokens;
        result.JudgeUsage.CachedInputTokens += used.Usage.CachedInputTokens;
        result.JudgeUsage.OutputTokens += used.Usage.OutputTokens;
        result.JudgeUsage.ReasoningTokens += used.Usage.ReasoningTokens;
        result.JudgeLatencyMs += used.LatencyMs;
        result.JudgeCostUsd += used.CostUsd;
    }

    private CaseResult NewResult(PlannedCall call, IReadOnlyList<ChatMessage> messages) => new()
    {
        RunId = runId,
        CaseId = call.Case.Id,
        Dataset = call.Case.Dataset,
        Target = call.Target.Name,
        Model = call.Target.Model,
        PromptVersion = call.Prompt.Name,
        PromptHash = call.Prompt.ContentHash,
        Repeat = call.Repeat,
        Tags = [.. call.Case.Tags],
        ExpectedBehavior = DatasetLoader.BehaviorName(call.Case.ExpectedBehavior),
        Question = call.Case.Question,
        Context = [.. call.Case.Context],
        Reference = call.Case.Reference,
        Request = messages.Select(m => new RecordedMessage { Role = m.Role.Value, Text = m.Text ?? "" }).ToList(),
        Labels = call.Case.Metadata.ToDictionary(),
    };

    private static MetricResult ToResult(EvaluationMetric metric, MetricOutcome outcome, double? threshold) => new()
    {
        Name = metric.Name,
        Value = MetricMarks.NumericValue(metric) is { } v && double.IsFinite(v) ? v : null,
        Outcome = MetricMarks.Name(outcome),
        Threshold = threshold,
        Reason = metric.Reason,
        Interpretation = metric.Interpretation?.Reason,
        Diagnostics = metric.Diagnostics?.Select(d => $"{d.Severity}: {d.Message}").ToList() ?? [],
        Metadata = metric.Metadata?.Where(kv => kv.Key != "llmeval.outcome").ToDictionary() ?? [],
    };
}
